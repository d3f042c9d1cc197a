import DialogueRPC
import DialogueRPCTransport
import DialogueTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Methods with a fast path are answered on the event loop as their line is read; everything
/// about them must still behave like any other call.
@Suite("RPC fast path")
struct ImmediateAnswerTests {
    /// `now` answers on the fast path unless its params say `wait`, then through its async handler;
    /// `slow` has no fast path; `counted` records which path ran.
    static func router(paths: Locked<[String]>) -> RPCRouter {
        let router = RPCRouter()
        router.register("now") { params, _ in
            if params?["wait"] == true { return nil }
            paths.withLock { $0.append("immediate") }
            if params?["fail"] == true { throw RPCError.locked() }
            return "now"
        } handler: { _, _ in
            paths.withLock { $0.append("async") }
            try await Task.sleep(for: .milliseconds(50))
            return "later"
        }
        router.register("slow") { _, _ in
            try await Task.sleep(for: .milliseconds(400))
            return "slow"
        }
        return router
    }

    @Test("a fast-path call answers while a slow call on the same connection is still running")
    func answersPastASlowCall() async throws {
        let paths = Locked<[String]>([])
        try await TestServer.with(router: Self.router(paths: paths)) { path in
            let socket = try LineSocket(path: path)
            try socket.sendLine(#"{"jsonrpc":"2.0","method":"slow","id":1}"#)
            try socket.sendLine(#"{"jsonrpc":"2.0","method":"now","id":2}"#)
            #expect(try await socket.readJSON() == ["jsonrpc": "2.0", "id": 2, "result": "now"])
            #expect(try await socket.readJSON() == ["jsonrpc": "2.0", "id": 1, "result": "slow"])
            #expect(paths.withLock { $0 } == ["immediate"])
        }
    }

    @Test("a fast path that declines hands the call to the async handler; errors keep their codes")
    func declineAndErrors() async throws {
        let paths = Locked<[String]>([])
        try await TestServer.with(router: Self.router(paths: paths)) { path in
            let socket = try LineSocket(path: path)
            try socket.sendLine(#"{"jsonrpc":"2.0","method":"now","params":{"wait":true},"id":"a"}"#)
            #expect(try await socket.readJSON() == ["jsonrpc": "2.0", "id": "a", "result": "later"])
            try socket.sendLine(#"{"jsonrpc":"2.0","method":"now","params":{"fail":true},"id":"b"}"#)
            let failed = try await socket.readJSON()
            #expect(failed["id"] == "b")
            #expect(failed["error"]?["code"] == .integer(RPCError.locked().code.rawValue))
            #expect(paths.withLock { $0 } == ["async", "immediate"])
        }
    }

    @Test("batches, notifications, long lines and broken JSON take the usual path with the usual answers")
    func everythingElseIsUnchanged() async throws {
        let paths = Locked<[String]>([])
        try await TestServer.with(router: Self.router(paths: paths)) { path in
            let socket = try LineSocket(path: path)
            try socket.sendLine(#"[{"jsonrpc":"2.0","method":"now","id":1},{"jsonrpc":"2.0","method":"now","id":2}]"#)
            #expect(
                try await socket.readJSON() == [
                    ["jsonrpc": "2.0", "id": 1, "result": "later"], ["jsonrpc": "2.0", "id": 2, "result": "later"],
                ])
            // A notification gets no answer, on either path.
            try socket.sendLine(#"{"jsonrpc":"2.0","method":"now"}"#)
            let padding = String(repeating: " ", count: 5000)
            try socket.sendLine(#"{"jsonrpc":"2.0","method":"now","id":3}"# + padding)
            #expect(try await socket.readJSON() == ["jsonrpc": "2.0", "id": 3, "result": "later"])
            try socket.sendLine(#"{"jsonrpc":"2.0","method":"now","id":4"#)
            #expect(try await socket.readJSON()["error"]?["code"] == -32700)
            try socket.sendLine(#"  {"jsonrpc":"1.0","method":"now","id":5}"#)
            #expect(try await socket.readJSON()["error"]?["code"] == -32600)
            try socket.sendLine(#"{"jsonrpc":"2.0","method":"now","id":6}"#)
            #expect(try await socket.readJSON() == ["jsonrpc": "2.0", "id": 6, "result": "now"])
            #expect(paths.withLock { $0 }.filter { $0 == "immediate" }.count == 1)
        }
    }

    @Test("a half-closing client still gets its fast-path answer before the connection ends")
    func halfClose() async throws {
        try await TestServer.with(router: Self.router(paths: Locked([]))) { path in
            let socket = try LineSocket(path: path)
            try socket.send(#"{"jsonrpc":"2.0","method":"now","id":1}"# + "\n")
            socket.shutdownWrite()
            #expect(try await socket.readJSON() == ["jsonrpc": "2.0", "id": 1, "result": "now"])
            #expect(try await socket.readLine() == .eof)
        }
    }

    @Test("a client that sends fast-path calls without reading is disconnected at the byte bound")
    func unreadAnswersAreBounded() async throws {
        let router = RPCRouter()
        let big = JSONValue.string(String(repeating: "x", count: 4096))
        router.register("big") { _, _ in
            big
        } handler: { _, _ in
            big
        }
        try await TestServer.with(router: router, maximumPendingOutboundBytes: 64 * 1024) { path in
            let socket = try LineSocket(path: path)
            // Served first: from here on the fast path needs no task of the server's.
            try socket.sendLine(#"{"jsonrpc":"2.0","method":"big","id":0}"#)
            #expect(try await socket.readJSON()["result"] == big)
            // Requests without reading a byte, never blocking a thread of the cooperative pool.
            let line = Array((#"{"jsonrpc":"2.0","method":"big","id":1}"# + "\n").utf8)
            var pending = line[...]
            var failure: Int32 = 0
            let deadline = ContinuousClock.now + .seconds(20)
            while failure == 0, ContinuousClock.now < deadline {
                let written = pending.withUnsafeBytes {
                    Glibc.send(socket.fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT | MSG_NOSIGNAL))
                }
                if written > 0 {
                    pending = pending.dropFirst(written)
                    if pending.isEmpty { pending = line[...] }
                } else if errno == EAGAIN {
                    try await Task.sleep(for: .milliseconds(2))
                } else {
                    failure = errno
                }
            }
            // The server closed the connection on us (it would otherwise read on, or block us for good).
            #expect(failure == EPIPE || failure == ECONNRESET)
            let answer = try await RPCClient.withConnection(socketPath: path) { client in try await client.call("big") }
            #expect(answer == big)
        }
    }
}
