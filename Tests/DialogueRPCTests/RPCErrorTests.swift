import DialogueRPC
import Foundation
import Testing

@Suite("RPCError")
struct RPCErrorTests {
    @Test("standard codes and messages are the specification's")
    func standardCodes() {
        #expect(RPCError.parseError().code.rawValue == -32700)
        #expect(RPCError.invalidRequest().code.rawValue == -32600)
        #expect(RPCError.methodNotFound("x").code.rawValue == -32601)
        #expect(RPCError.invalidParams("x").code.rawValue == -32602)
        #expect(RPCError.internalError.code.rawValue == -32603)
        #expect(RPCError.parseError().message == "Parse error")
        #expect(RPCError.invalidRequest().message == "Invalid Request")
        #expect(RPCError.methodNotFound("x").message == "Method not found")
    }

    @Test("application codes carry their reason word (spec/rpc.md)")
    func applicationCodes() {
        let table: [(RPCError, Int, String)] = [
            (.locked(), -32001, "locked"),
            (.notSignedIn(), -32002, "not_signed_in"),
            (.offline(), -32003, "offline"),
            (.forbidden("edit window passed"), -32004, "forbidden"),
            (.notFound("no such message"), -32005, "not_found"),
            (.rateLimited(retryAfter: 9), -32006, "rate_limited"),
            (.conflict("already a member"), -32007, "conflict"),
            (.untrustedIdentity("key changed"), -32008, "untrusted_identity"),
            (.invalidInput("empty message"), -32009, "invalid_input"),
        ]
        for (error, code, reason) in table {
            #expect(error.code.rawValue == code)
            #expect(error.data?["reason"] == .string(reason))
            #expect(error.reason?.rawValue == reason)
            #expect(RPCError(json: error.json) == error)
        }
        #expect(RPCError.rateLimited(retryAfter: 9).data?["retryAfter"] == 9)
        #expect(Set(RPCError.Reason.allCases.map(\.code)).count == RPCError.Reason.allCases.count)
    }

    @Test("any other error becomes a bare internal error; decoding errors become invalid params")
    func mapping() {
        struct Secret: Error { var path = "/home/user/.local/share/dialogue/keystore" }
        let mapped = RPCError(Secret())
        #expect(mapped == .internalError)
        #expect(!mapped.json.serialized().contains("keystore"))
        #expect(RPCError(RPCError.locked()) == .locked())
        struct Params: Decodable { var userId: String }
        do {
            _ = try JSONValue.object([:]).decode(Params.self)
            Issue.record("decoding should fail")
        } catch {
            let wire = RPCError(error)
            #expect(wire.code == .invalidParams)
            #expect(wire.data?["detail"]?.stringValue?.contains("userId") == true)
        }
    }
}
