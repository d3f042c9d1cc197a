import DialogueRPC
import DialogueRPCTransport
import Foundation
import Testing

/// The example exchanges of the JSON-RPC 2.0 specification (section 7), sent as raw lines over a
/// real socket to a server with the specification's methods.
@Suite("JSON-RPC 2.0 specification examples")
struct SpecExampleTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var name: String
        var request: String
        /// `nil` when the server must not answer at all.
        var expected: String?

        var testDescription: String { self.name }
    }

    static let examples: [Example] = [
        Example(
            name: "positional params",
            request: #"{"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1}"#,
            expected: #"{"jsonrpc": "2.0", "result": 19, "id": 1}"#
        ),
        Example(
            name: "positional params, reversed",
            request: #"{"jsonrpc": "2.0", "method": "subtract", "params": [23, 42], "id": 2}"#,
            expected: #"{"jsonrpc": "2.0", "result": -19, "id": 2}"#
        ),
        Example(
            name: "named params",
            request: #"{"jsonrpc": "2.0", "method": "subtract", "params": {"subtrahend": 23, "minuend": 42}, "id": 3}"#,
            expected: #"{"jsonrpc": "2.0", "result": 19, "id": 3}"#
        ),
        Example(
            name: "named params, other order",
            request: #"{"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 42, "subtrahend": 23}, "id": 4}"#,
            expected: #"{"jsonrpc": "2.0", "result": 19, "id": 4}"#
        ),
        Example(
            name: "notification",
            request: #"{"jsonrpc": "2.0", "method": "update", "params": [1,2,3,4,5]}"#,
            expected: nil
        ),
        Example(
            name: "notification of an unknown method",
            request: #"{"jsonrpc": "2.0", "method": "foobar"}"#,
            expected: nil
        ),
        Example(
            name: "non-existent method",
            request: #"{"jsonrpc": "2.0", "method": "foobar", "id": "1"}"#,
            expected: #"{"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": "1"}"#
        ),
        Example(
            name: "invalid JSON",
            request: #"{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]"#,
            expected: #"{"jsonrpc": "2.0", "error": {"code": -32700, "message": "Parse error"}, "id": null}"#
        ),
        Example(
            name: "invalid Request object",
            request: #"{"jsonrpc": "2.0", "method": 1, "params": "bar"}"#,
            expected: #"{"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null}"#
        ),
        Example(
            name: "batch, invalid JSON",
            request:
                #"[{"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"}, {"jsonrpc": "2.0", "method"]"#,
            expected: #"{"jsonrpc": "2.0", "error": {"code": -32700, "message": "Parse error"}, "id": null}"#
        ),
        Example(
            name: "empty array",
            request: "[]",
            expected: #"{"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null}"#
        ),
        Example(
            name: "invalid batch, not empty",
            request: "[1]",
            expected: #"[{"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null}]"#
        ),
        Example(
            name: "invalid batch",
            request: "[1,2,3]",
            expected: #"""
                [{"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null},
                 {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null},
                 {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null}]
                """#
        ),
        Example(
            name: "batch mixing good and bad calls",
            request: #"""
                [{"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"}, \#
                {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]}, \#
                {"jsonrpc": "2.0", "method": "subtract", "params": [42,23], "id": "2"}, \#
                {"foo": "boo"}, \#
                {"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"}, \#
                {"jsonrpc": "2.0", "method": "get_data", "id": "9"}]
                """#,
            expected: #"""
                [{"jsonrpc": "2.0", "result": 7, "id": "1"},
                 {"jsonrpc": "2.0", "result": 19, "id": "2"},
                 {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null},
                 {"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": "5"},
                 {"jsonrpc": "2.0", "result": ["hello", 5], "id": "9"}]
                """#
        ),
        Example(
            name: "batch of notifications only",
            request: #"""
                [{"jsonrpc": "2.0", "method": "notify_sum", "params": [1,2,4]}, \#
                {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]}]
                """#,
            expected: nil
        ),
    ]

    @Test(arguments: Self.examples)
    func example(_ example: Example) async throws {
        try await TestServer.with(router: SpecRouter.make()) { path in
            let socket = try LineSocket(path: path)
            try socket.sendLine(example.request)
            // A request after it proves the connection is alive, and that nothing was sent before its answer.
            let sentinel = #"{"jsonrpc":"2.0","method":"get_data","id":"sentinel"}"#
            if let expected = example.expected {
                let reply = try await socket.readJSON()
                #expect(Self.normalized(reply) == Self.normalized(try JSONValue(parsing: Data(expected.utf8))))
            }
            try socket.sendLine(sentinel)
            let next = try await socket.readJSON()
            #expect(next["id"] == "sentinel", "unexpected extra reply: \(next.serialized())")
            #expect(try await socket.readLine(timeout: .milliseconds(100)) == .timeout)
        }
    }

    @Test("the client sends a batch on one line and gets the answers in request order")
    func clientBatch() async throws {
        try await TestServer.with(router: SpecRouter.make()) { path in
            try await RPCClient.withConnection(socketPath: path) { client in
                let responses = try await client.send(
                    batch: RPCBatch([
                        .request(RPCRequest(id: "1", method: "sum", params: [1, 2, 4])),
                        .notification(RPCNotification(method: "notify_hello", params: [7])),
                        .request(RPCRequest(id: 2, method: "subtract", params: [42, 23])),
                        .request(RPCRequest(id: "5", method: "foo.get", params: ["name": "myself"])),
                    ])
                )
                #expect(responses.map(\.id) == ["1", 2, "5"])
                #expect(responses[0].result == 7)
                #expect(responses[1].result == 19)
                #expect(responses[2].error?.code == .methodNotFound)
                // Ids in a batch must be unique, and unique against calls in flight.
                await #expect(throws: RPCClientError.duplicateRequestID("3")) {
                    try await client.send(
                        batch: RPCBatch([
                            .request(RPCRequest(id: 3, method: "sum")), .request(RPCRequest(id: 3, method: "sum")),
                        ])
                    )
                }
            }
        }
    }

    /// Drops `error.data` (our details beyond the specification) and sorts batch answers, whose order is free.
    static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let elements):
            return .array(elements.map(normalized).sorted { $0.serialized() < $1.serialized() })
        case .object(var members):
            if case .object(var error)? = members["error"] {
                error["data"] = nil
                members["error"] = .object(error)
            }
            return .object(members)
        default:
            return value
        }
    }
}
