import DialogueTestSupport
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A local OpenAI-compatible chat-completions server speaking the exact streaming wire format
/// (server-sent events, `data: {chunk}`, `data: [DONE]`), with a scenario per path:
/// `http://127.0.0.1:PORT/SCENARIO/v1/chat/completions`.
final class FakeProvider: Sendable {
    let port: Int
    /// A request as the provider saw it.
    struct Recorded: Sendable {
        var authorization: String
        var body: Data

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:] }
    }

    /// Requests received, and whether a slow stream noticed its reader leave.
    let requests: Locked<[Recorded]>
    let abandoned: Locked<Bool>
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    static func chunk(_ text: String) -> String {
        #"data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"\#(text)"}}]}"#
            + "\n\n"
    }

    init() async throws {
        let router = Router()
        let requests = Locked<[Recorded]>([])
        let abandoned = Locked(false)
        self.requests = requests
        self.abandoned = abandoned
        router.post(":scenario/v1/chat/completions") { request, context -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let recorded = Recorded(authorization: request.headers[.authorization] ?? "", body: Data(buffer: body))
            requests.withLock { $0.append(recorded) }
            let scenario = context.parameters.get("scenario") ?? "ok"
            switch scenario {
            case "unauthorized":
                return Response(
                    status: .unauthorized,
                    headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: #"{"error":{"message":"Invalid API Key"}}"#))
                )
            case "busy":
                return Response(status: .tooManyRequests, headers: [.retryAfter: "7"])
            case "broken":
                return Response(status: .internalServerError)
            default:
                break
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream"],
                body: ResponseBody { writer in
                    switch scenario {
                    case "ok":
                        // One event split across two TCP writes, a comment, and a final [DONE].
                        let first = Self.chunk("Hello")
                        let middle = first.index(first.startIndex, offsetBy: 20)
                        try await writer.write(ByteBuffer(string: String(first[..<middle])))
                        try await Task.sleep(for: .milliseconds(30))
                        try await writer.write(ByteBuffer(string: String(first[middle...])))
                        try await writer.write(ByteBuffer(string: ": keep-alive\n\n" + Self.chunk(", ")))
                        try await writer.write(ByteBuffer(string: Self.chunk("world") + "data: [DONE]\n\n"))
                        try await writer.write(ByteBuffer(string: Self.chunk("after done")))
                    case "malformed":
                        try await writer.write(ByteBuffer(string: Self.chunk("one ")))
                        try await writer.write(ByteBuffer(string: "data: {this is not json\n\n"))
                        try await writer.write(ByteBuffer(string: Self.chunk("two") + "data: [DONE]\n\n"))
                    case "die":
                        try await writer.write(ByteBuffer(string: Self.chunk("partial")))
                        try await Task.sleep(for: .milliseconds(50))
                        throw CancellationError()
                    case "slow":
                        do {
                            for index in 0..<400 {
                                try await writer.write(ByteBuffer(string: Self.chunk("t\(index) ")))
                                try await Task.sleep(for: .milliseconds(25))
                            }
                        } catch {
                            abandoned.withLock { $0 = true }
                            throw error
                        }
                    default:
                        break
                    }
                    try await writer.finish(nil)
                }
            )
        }
        var logger = Logger(label: "fake-provider")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger
        )
        group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let group = self.group
        task = Task { try await group.run() }
        var port = 0
        for await value in ports {
            port = value
            break
        }
        self.port = port
    }

    func baseURL(_ scenario: String) -> String { "http://127.0.0.1:\(port)/\(scenario)/v1" }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}
