import DialogueRPC
import DialogueRPCTransport
import DialogueTestSupport
import Foundation
import Testing

@testable import DialogueDaemon

#if canImport(Glibc)
    import Glibc
#endif

/// Bad input on the daemon's own socket: each gets its JSON-RPC error, and the daemon keeps serving.
struct DaemonBadInputTests {
    @Test func everyKindOfBadCallIsAnsweredAndTheDaemonKeepsServing() async throws {
        try await withChatUsers(["Ada"]) { _, users in
            let ada = users[0]
            try await RPCClient.withConnection(socketPath: ada.daemon.paths.socket.path) { client in
                let unknown = await #expect(throws: RPCError.self) { try await client.call("messages.explode") }
                #expect(unknown?.code == .methodNotFound)
                let wrongType = await #expect(throws: RPCError.self) {
                    try await client.call("messages.send", params: ["conversationId": 42, "text": "x"])
                }
                #expect(wrongType?.code == .invalidParams)
                let missing = await #expect(throws: RPCError.self) {
                    try await client.call("messages.list", params: [:])
                }
                #expect(missing?.code == .invalidParams)
                let noSuchChat = await #expect(throws: RPCError.self) {
                    try await client.call("messages.send", params: ["conversationId": "nope", "text": "x"])
                }
                #expect(noSuchChat?.reason == .notFound)
                let empty = await #expect(throws: RPCError.self) {
                    try await client.call("messages.search", params: ["query": "   "])
                }
                #expect(empty?.reason == .invalidInput)
                let avatar = await #expect(throws: RPCError.self) {
                    try await client.call(
                        "conversations.createGroup", params: ["name": "G", "memberIds": [], "avatarPath": "/x.png"])
                }
                #expect(avatar?.reason == .invalidInput)
                let badFilter = await #expect(throws: RPCError.self) {
                    try await client.call("conversations.list", params: ["filter": "everything"])
                }
                #expect(badFilter?.reason == .invalidInput)
                let batch = try await client.send(
                    batch: RPCBatch([
                        .request(RPCRequest(id: .number(100), method: "daemon.status")),
                        .request(RPCRequest(id: .number(101), method: "no.such.method")),
                        .request(RPCRequest(id: .number(102), method: "conversations.list", params: ["filter": 7])),
                    ]))
                #expect(batch.count == 3)
                #expect((try? batch[0].outcome.get())?["locked"] == false)
                #expect(batch[1].error?.code == .methodNotFound)
                #expect(batch[2].error?.code == .invalidParams)
            }
            // Raw lines: malformed JSON, a wrong version; then a vanishing client mid-request.
            let socket = ada.daemon.paths.socket.path
            let replies = try await OffPool.run {
                try Self.exchangeRaw(
                    socket: socket,
                    lines: [
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":",
                        "{\"jsonrpc\":\"1.0\",\"id\":2,\"method\":\"daemon.status\"}",
                        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"daemon.status\"}",
                    ])
            }
            // Replies come as calls finish (status is answered as it is read): match them by content.
            #expect(replies.count == 3)
            #expect(replies.filter { $0.contains("-32700") && $0.contains("\"id\":null") }.count == 1)
            #expect(replies.filter { $0.contains("-32600") && $0.contains("\"id\":2") }.count == 1)
            #expect(replies.filter { $0.contains("\"locked\":false") && $0.contains("\"id\":3") }.count == 1)
            try Self.vanish(
                socket: socket, line: "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"users.list\"}")
            #expect(try await ada.call("daemon.status")["locked"] == false)
        }
    }

    /// Sends lines over a plain socket and reads one reply line per request.
    static func exchangeRaw(socket: String, lines: [String]) throws -> [String] {
        let descriptor = try connect(socket)
        defer { close(descriptor) }
        let text = lines.joined(separator: "\n") + "\n"
        _ = text.withCString { send(descriptor, $0, strlen($0), 0) }
        var received = ""
        var buffer = [UInt8](repeating: 0, count: 65536)
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        while received.split(separator: "\n").count < lines.count {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        return received.split(separator: "\n").map(String.init)
    }

    /// Sends a request and closes the socket before the answer can be read.
    static func vanish(socket: String, line: String) throws {
        let descriptor = try connect(socket)
        _ = (line + "\n").withCString { send(descriptor, $0, strlen($0), 0) }
        close(descriptor)
    }

    static func connect(_ path: String) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() where index < raw.count - 1 { raw[index] = byte }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            close(descriptor)
            throw CocoaError(.fileReadNoPermission)
        }
        return descriptor
    }
}
