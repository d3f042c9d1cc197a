import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A local OpenAI-compatible chat-completions endpoint on 127.0.0.1 and a free port, speaking the
/// exact streaming wire format (HTTP/1.1, chunked, server-sent events: `data: {chunk}` and
/// `data: [DONE]`) over raw TCP, so a test decides every write: where an event is split, a
/// malformed line, a connection dropped mid-answer. The scenario is the first path segment:
/// `http://127.0.0.1:PORT/SCENARIO/v1` for ``baseURL(_:)``. The double for the AI provider, for
/// the server's assistant proxy and the daemon's direct mode alike.
public final class FakeProvider: Sendable {
    /// How the endpoint answers.
    public enum Scenario: String, Sendable {
        /// "Hello", ", ", "wörld 🌍": one event split across two writes (inside the emoji), a
        /// comment, CRLF line ends, then `[DONE]` and a chunk after it that must be ignored.
        case ok
        /// "one ", a line that is not JSON, "two", `[DONE]`.
        case malformed
        /// "partial", then the connection drops without ending the chunked body.
        case die
        /// "partial", then the body ends properly but without `[DONE]`.
        case noDone = "nodone"
        /// An error object inside the stream, after one token.
        case streamError = "streamerror"
        /// "thinking", then nothing until the client goes away (see ``abandoned``).
        case stall
        /// A token every 25 ms, 400 of them, until a write fails because the client went away
        /// (see ``abandoned``).
        case slow
        /// HTTP 401 with an OpenAI-style error body.
        case unauthorized
        /// HTTP 429 with `Retry-After: 7`.
        case busy
        /// HTTP 500.
        case broken
    }

    /// A request as the endpoint saw it.
    public struct Recorded: Sendable {
        public var path: String
        public var authorization: String?
        public var body: Data

        public var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:] }
        /// `messages` as role/content pairs.
        public var messages: [[String: String]] { json["messages"] as? [[String: String]] ?? [] }
    }

    /// What the endpoint saw, shared with the connection tasks.
    final class Log: Sendable {
        let requests = Mutex<[Recorded]>([])
        let abandoned = Mutex(0)
    }

    public let port: Int
    private let log = Log()
    private let task: Task<Void, any Error>

    public init() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.tcpOption(.tcp_nodelay), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child)
                }
            }
        port = server.channel.localAddress?.port ?? 0
        let log = self.log
        task = Task {
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { inbound in
                    for try await connection in inbound {
                        group.addTask { try? await Self.serve(connection, log: log) }
                    }
                }
            }
        }
    }

    public func baseURL(_ scenario: Scenario) -> String { "http://127.0.0.1:\(port)/\(scenario.rawValue)/v1" }

    public var requests: [Recorded] { log.requests.withLock { $0 } }

    /// How many stalled answers noticed their client hang up.
    public var abandoned: Int { log.abandoned.withLock { $0 } }

    public func stop() async {
        task.cancel()
        _ = await task.result
    }

    /// One SSE event carrying `text` as a chat-completion chunk.
    public static func event(_ text: String) -> String {
        let content = String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
        return #"data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","#
            + #""choices":[{"index":0,"delta":{"content":\#(content)},"finish_reason":null}]}"# + "\n\n"
    }

    // MARK: - One connection

    /// Reads one request, answers it per scenario, closes.
    private static func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>, log: Log) async throws {
        try await connection.executeThenClose { inbound, outbound in
            var iterator = inbound.makeAsyncIterator()
            var received: [UInt8] = []
            var request: Recorded?
            while request == nil {
                guard let buffer = try await iterator.next() else { return }
                received += buffer.readableBytesView
                request = parse(received)
            }
            guard let request else { return }
            log.requests.withLock { $0.append(request) }
            let scenario = request.path.split(separator: "/").first.flatMap { Scenario(rawValue: String($0)) } ?? .ok
            let wire = Wire(outbound: outbound)
            switch scenario {
            case .unauthorized:
                try await wire.plain(
                    "401 Unauthorized", type: "application/json",
                    #"{"error":{"message":"Invalid API Key","type":"invalid_request_error"}}"#)
                return
            case .busy:
                try await wire.plain(
                    "429 Too Many Requests", type: "application/json", "{}", extra: "Retry-After: 7\r\n")
                return
            case .broken:
                try await wire.plain("500 Internal Server Error", type: "text/plain", "upstream exploded")
                return
            default:
                break
            }
            try await wire.write(
                "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
            switch scenario {
            case .ok:
                try await wire.chunk(event("Hello"))
                // One event split across two TCP writes, and a comment with CRLF line ends.
                let split = Array(event(", ").utf8)
                try await wire.chunk(split[..<20])
                try await wire.chunk(split[20...] + Array(": keep-alive\r\n\r\n".utf8))
                // A multi-byte character split between two writes.
                let world = Array(event("wörld 🌍").utf8)
                let cut = (world.firstIndex(of: 0xF0) ?? world.count / 2) + 2
                try await wire.chunk(world[..<cut])
                try await wire.chunk(world[cut...] + Array("data: [DONE]\n\n".utf8))
                try await wire.chunk(event("after done"))
                try await wire.end()
            case .malformed:
                try await wire.chunk(event("one "))
                try await wire.chunk("data: {this is not json\n\n")
                try await wire.chunk(event("two") + "data: [DONE]\n\n")
                try await wire.end()
            case .die:
                // Returning closes the socket without the chunked body's last chunk.
                try await wire.chunk(event("partial"))
            case .noDone:
                try await wire.chunk(event("partial"))
                try await wire.end()
            case .streamError:
                try await wire.chunk(event("so "))
                try await wire.chunk(#"data: {"error":{"message":"the model is overloaded"}}"# + "\n\n")
                try await wire.end()
            case .stall:
                try await wire.chunk(event("thinking"))
                // Wait for the client to hang up (or the test to stop the endpoint).
                while try await iterator.next() != nil {}
                log.abandoned.withLock { $0 += 1 }
            case .slow:
                do {
                    for index in 0..<400 { try await wire.chunk(event("t\(index) "), pause: .milliseconds(25)) }
                    try await wire.end()
                } catch {
                    log.abandoned.withLock { $0 += 1 }
                }
            case .unauthorized, .busy, .broken:
                break
            }
        }
    }

    /// The request line, headers and a `Content-Length` body, once all of it has arrived.
    private static func parse(_ bytes: [UInt8]) -> Recorded? {
        let separator = Array("\r\n\r\n".utf8)
        guard let end = bytes.indices.first(where: { bytes[$0...].starts(with: separator) }) else { return nil }
        let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let length = headers["content-length"].flatMap { Int($0) } ?? 0
        let bodyStart = end + separator.count
        guard bytes.count >= bodyStart + length else { return nil }
        let target = head.first?.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
        return Recorded(
            path: target, authorization: headers["authorization"], body: Data(bytes[bodyStart..<(bodyStart + length)]))
    }
}

extension FakeProvider {
    /// Writes raw HTTP/1.1, one TCP write per call, pausing after each chunk so that the client
    /// reads them separately.
    private struct Wire {
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

        func write(_ text: String) async throws {
            try await outbound.write(ByteBuffer(string: text))
        }

        func chunk(_ text: String, pause: Duration = .milliseconds(15)) async throws {
            try await chunk(Array(text.utf8), pause: pause)
        }

        func chunk(_ bytes: some Collection<UInt8>, pause: Duration = .milliseconds(15)) async throws {
            var buffer = ByteBuffer(string: String(bytes.count, radix: 16) + "\r\n")
            buffer.writeBytes(bytes)
            buffer.writeString("\r\n")
            try await outbound.write(buffer)
            try await Task.sleep(for: pause)
        }

        func end() async throws {
            try await write("0\r\n\r\n")
        }

        func plain(_ status: String, type: String, _ body: String, extra: String = "") async throws {
            try await write(
                "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.utf8.count)\r\n"
                    + extra + "Connection: close\r\n\r\n" + body)
        }
    }
}
