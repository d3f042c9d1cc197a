import DialogueRPC
import Foundation
import Testing

@Suite("JSON-RPC messages")
struct RPCMessageTests {
    @Test("requests, notifications and responses are told apart")
    func classification() throws {
        #expect(
            try RPCMessage(json: ["jsonrpc": "2.0", "id": 1, "method": "a", "params": [1]])
                == .request(RPCRequest(id: 1, method: "a", params: [1]))
        )
        #expect(
            try RPCMessage(json: ["jsonrpc": "2.0", "method": "a"]) == .notification(RPCNotification(method: "a"))
        )
        #expect(
            try RPCMessage(json: ["jsonrpc": "2.0", "id": "x", "result": nil])
                == .response(RPCResponse(id: "x", result: nil))
        )
        let error = try RPCMessage(json: [
            "jsonrpc": "2.0", "id": nil, "error": ["code": -32006, "message": "slow down", "data": ["retryAfter": 30]],
        ])
        guard case .response(let response) = error else {
            Issue.record("not a response")
            return
        }
        #expect(response.id == nil)
        #expect(response.error?.code == .rateLimited)
        #expect(response.error?.retryAfter == 30)
    }

    @Test("ids keep their type: \"1\" and 1 are different ids")
    func idsPreserved() throws {
        let stringID = try RPCMessage(json: ["jsonrpc": "2.0", "id": "1", "method": "m"])
        let numberID = try RPCMessage(json: ["jsonrpc": "2.0", "id": 1, "method": "m"])
        #expect(stringID != numberID)
        #expect(stringID.json["id"] == "1")
        #expect(numberID.json["id"] == 1)
        #expect(RPCResponse(id: "1", result: 0).json["id"] == "1")
        #expect(RPCResponse(id: nil, error: .parseError()).json["id"] == .null)
    }

    static let invalidMessages: [(JSONValue, RequestID?)] = [
        (JSONValue.integer(1), RequestID?.none),
        (["jsonrpc": "1.0", "id": 3, "method": "m"], RequestID?.some(3)),
        (["id": "a", "method": "m"], RequestID?.some("a")),
        (["jsonrpc": "2.0", "id": 4, "method": 1], RequestID?.some(4)),
        (["jsonrpc": "2.0", "id": 5, "method": "m", "params": "bar"], RequestID?.some(5)),
        (["jsonrpc": "2.0", "id": 1.5, "method": "m"], RequestID?.none),
        (["jsonrpc": "2.0", "id": ["x"], "method": "m"], RequestID?.none),
        (["jsonrpc": "2.0", "id": 6], RequestID?.some(6)),
        (["foo": "boo"], RequestID?.none),
    ]

    @Test("invalid messages are -32600, with the id when it could be read", arguments: Self.invalidMessages)
    func invalid(_ json: JSONValue, _ id: RequestID?) {
        #expect {
            try RPCMessage(json: json)
        } throws: { error in
            guard let invalid = error as? RPCInvalidMessage else { return false }
            return invalid.id == id && invalid.error.code == .invalidRequest
                && invalid.response.json["id"] == (id?.json ?? .null)
        }
    }

    @Test("golden wire forms")
    func golden() {
        #expect(
            RPCRequest(id: 1, method: "daemon.unlock", params: ["passphrase": "p"]).json.serialized()
                == #"{"id":1,"jsonrpc":"2.0","method":"daemon.unlock","params":{"passphrase":"p"}}"#
        )
        #expect(
            RPCNotification(method: "typing", params: ["conversationId": "c", "userIds": []]).json.serialized()
                == #"{"jsonrpc":"2.0","method":"typing","params":{"conversationId":"c","userIds":[]}}"#
        )
        #expect(
            RPCResponse(id: "7", error: .rateLimited(retryAfter: 12, "Slow down")).json.serialized()
                == #"{"error":{"code":-32006,"data":{"reason":"rate_limited","retryAfter":12},"message":"Slow down"},"id":"7","jsonrpc":"2.0"}"#
        )
        #expect(
            RPCBatch([.notification(RPCNotification(method: "a"))]).json.serialized()
                == #"[{"jsonrpc":"2.0","method":"a"}]"#)
    }

    @Test("batches: empty is invalid, elements are judged one by one")
    func batches() throws {
        #expect(throws: RPCInvalidMessage.self) { try RPCBatch.elements(of: []) }
        let elements = try RPCBatch.elements(of: [1, ["jsonrpc": "2.0", "method": "m"]])
        #expect(elements.count == 2)
        if case .failure = elements[0] {} else { Issue.record("element 0 should be invalid") }
        #expect(try elements[1].get() == .notification(RPCNotification(method: "m")))
    }

    @Test("Codable conformance goes through the same validation")
    func codable() throws {
        let message = RPCMessage.request(RPCRequest(id: "r", method: "m", params: ["k": [1, 2]]))
        let data = try JSONEncoder().encode(message)
        #expect(try JSONDecoder().decode(RPCMessage.self, from: data) == message)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(RPCMessage.self, from: Data(#"{"jsonrpc":"2.0"}"#.utf8))
        }
    }
}
