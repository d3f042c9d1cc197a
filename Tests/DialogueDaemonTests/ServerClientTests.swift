import AsyncHTTPClient
import DialogueProtocol
import Foundation
import Logging
import Testing

@testable import DialogueDaemon

/// The server client: status and body mapping onto `spec/rpc.md` reasons, and typed calls against a real server.
struct ServerClientTests {
    struct Mapping: CustomTestStringConvertible, Sendable {
        var status: Int
        var code: DaemonError.Code
        var credentials = false
        var testDescription: String { "HTTP \(status) → \(code)" }
    }

    @Test(arguments: [
        Mapping(status: 400, code: .invalidInput),
        Mapping(status: 413, code: .invalidInput),
        Mapping(status: 401, code: .notSignedIn),
        Mapping(status: 401, code: .forbidden, credentials: true),
        Mapping(status: 403, code: .forbidden),
        Mapping(status: 404, code: .notFound),
        Mapping(status: 409, code: .conflict),
        Mapping(status: 429, code: .rateLimited),
        Mapping(status: 503, code: .offline),
        Mapping(status: 500, code: .failed),
    ])
    func statusesMapOntoReasons(_ mapping: Mapping) throws {
        let body = try WireCoding.encoder().encode(ErrorResponse(message: "The server says no.", code: "some_code"))
        let error = ServerClient.error(
            status: mapping.status,
            payload: body,
            retryAfter: "17",
            authentication: mapping.credentials ? .credentials : .session(token: "t")
        )
        #expect(error.code == mapping.code)
        #expect(error.message.contains("The server says no."))
        if mapping.code == .rateLimited { #expect(error.retryAfter == 17) }
    }

    @Test func aBodyThatIsNotJSONStillGivesASentence() {
        let error = ServerClient.error(
            status: 502, payload: Data("<html>".utf8), retryAfter: nil, authentication: .credentials)
        #expect(error.code == .offline)
        #expect(error.message.contains("502"))
    }

    @Test func typedCallsAgainstARealServer() async throws {
        try await withTestServer { server in
            let http = try HTTPClient.daemonClient(caFile: nil)
            do {
                let client = ServerClient(server: server.url, http: http, logger: quietLogger)
                let auth = try await client.signup(
                    SignupRequest(email: "grace@example.org", fullname: "Grace Hopper", password: "compiler-1952"))
                #expect(auth.user.email == "grace@example.org")
                let checked = try await client.check(token: auth.token)
                #expect(checked.user.id == auth.user.id)
                let conversations = try await client.conversations(token: auth.token)
                #expect(conversations.conversations.isEmpty)
                let missing = await #expect(throws: DaemonError.self) {
                    _ = try await client.history(conversationId: "no-such-conversation", token: auth.token)
                }
                #expect(missing?.code == .notFound || missing?.code == .forbidden)
                let expired = await #expect(throws: DaemonError.self) {
                    _ = try await client.check(token: "not-a-token")
                }
                #expect(expired?.code == .notSignedIn)
                let duplicate = await #expect(throws: DaemonError.self) {
                    _ = try await client.signup(
                        SignupRequest(email: "grace@example.org", fullname: "Grace", password: "compiler-1952"))
                }
                #expect(duplicate?.code == .conflict)
            } catch {
                try await http.shutdown()
                throw error
            }
            try await http.shutdown()
        }
    }

    @Test func conversationsMessagesAndHistoryAgainstARealServer() async throws {
        try await withTestServer { server in
            let http = try HTTPClient.daemonClient(caFile: nil)
            do {
                let client = ServerClient(server: server.url, http: http, logger: quietLogger)
                let grace = try await client.signup(
                    SignupRequest(email: "grace@example.org", fullname: "Grace Hopper", password: "compiler-1952"))
                let alan = try await client.signup(
                    SignupRequest(email: "alan@example.org", fullname: "Alan Turing", password: "enigma-machine"))
                let created = try await client.createConversation(
                    CreateConversationRequest(
                        id: "conv-0123456789abcdef", isGroup: false, participants: [alan.user.id],
                        deviceId: "device-grace-01", op: Bytes(Data([1, 2, 3]))),
                    token: grace.token)
                let conversationId = created.conversation.id
                let request = SendMessageRequest(
                    id: "msg-0123456789abcdef", deviceId: "device-grace-01", epoch: created.conversation.epoch,
                    envelope: Bytes(Data([9, 9, 9])))
                let sent = try await client.sendMessage(request, conversationId: conversationId, token: grace.token)
                // The client-generated id makes a retry idempotent at the server.
                let again = try await client.sendMessage(request, conversationId: conversationId, token: grace.token)
                #expect(again.message.id == sent.message.id)
                let page = try await client.history(conversationId: conversationId, limit: 10, token: alan.token)
                #expect(page.messages.map(\.id) == [sent.message.id])
                let list = try await client.conversations(token: alan.token)
                #expect(list.conversations.map(\.id) == [conversationId])
            } catch {
                try await http.shutdown()
                throw error
            }
            try await http.shutdown()
        }
    }

    @Test func aMissingCAFileIsAConfigurationError() {
        #expect(throws: ConfigurationError.self) {
            _ = try HTTPClient.daemonClient(caFile: URL(fileURLWithPath: "/nonexistent/ca.pem"))
        }
    }
}
