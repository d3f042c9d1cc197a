import AsyncHTTPClient
import DialogueProtocol
import DialogueTestSupport
import Foundation
import Logging
import NIOPosix
import Testing

@testable import DialogueSync

/// The server client: how answers are classified, and typed calls against a real server.
struct ServerClientTests {
    struct Mapping: CustomTestStringConvertible, Sendable {
        var status: Int
        var code: ServerClientError.Code
        var credentials = false
        var testDescription: String { "HTTP \(status) → \(code)" }
    }

    @Test(arguments: [
        Mapping(status: 400, code: .invalidRequest),
        Mapping(status: 413, code: .invalidRequest),
        Mapping(status: 422, code: .invalidRequest),
        Mapping(status: 401, code: .sessionRejected),
        Mapping(status: 401, code: .badCredentials, credentials: true),
        Mapping(status: 403, code: .forbidden),
        Mapping(status: 404, code: .notFound),
        Mapping(status: 410, code: .notFound),
        Mapping(status: 409, code: .conflict),
        Mapping(status: 429, code: .rateLimited),
        Mapping(status: 503, code: .unavailable),
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
        #expect(error.status == mapping.status)
        #expect(error.serverCode == "some_code")
        #expect(error.message.contains("The server says no."))
        #expect(error.retryAfter == (mapping.code == .rateLimited ? 17 : nil))
    }

    @Test func aRateLimitWithoutAUsableRetryAfterWaitsAMinute() throws {
        let body = try WireCoding.encoder().encode(ErrorResponse(message: "Slow down.", code: "rate_limited"))
        for header in [nil, "soon", "0"] {
            let error = ServerClient.error(
                status: 429, payload: body, retryAfter: header, authentication: .session(token: "t"))
            #expect(error.retryAfter == (header == "0" ? 1 : 60))
        }
    }

    @Test func aBodyThatIsNotJSONStillGivesASentence() {
        let error = ServerClient.error(
            status: 502, payload: Data("<html>".utf8), retryAfter: nil, authentication: .credentials)
        #expect(error.code == .unavailable)
        #expect(error.message.contains("502"))
    }

    @Test func aServerThatIsNotListeningIsUnreachableAndAnEmptyIdIsRefusedBeforeSending() async throws {
        let http = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
        // Port 9 (discard) is not served on the loopback of a test machine.
        let client = ServerClient(server: URL(string: "http://127.0.0.1:9")!, http: http, logger: quietLogger)
        let unreachable = await #expect(throws: ServerClientError.self) {
            _ = try await client.check(token: "secret-token")
        }
        #expect(unreachable?.code == .unreachable)
        #expect(unreachable?.status == nil)
        #expect(unreachable?.message.contains("secret-token") == false)
        let empty = await #expect(throws: ServerClientError.self) {
            _ = try await client.keys(of: "", token: "secret-token")
        }
        #expect(empty?.code == .invalidRequest)
        try await http.shutdown()
    }

    @Test func typedCallsAgainstARealServer() async throws {
        try await withTestServer { server in
            let http = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
            do {
                let client = ServerClient(server: server.url, http: http, logger: quietLogger)
                let auth = try await client.signup(
                    SignupRequest(email: "grace@example.org", fullname: "Grace Hopper", password: "compiler-1952"))
                #expect(auth.user.email == "grace@example.org")
                let checked = try await client.check(token: auth.token)
                #expect(checked.user.id == auth.user.id)
                let conversations = try await client.conversations(token: auth.token)
                #expect(conversations.conversations.isEmpty)
                let missing = await #expect(throws: ServerClientError.self) {
                    _ = try await client.history(conversationId: "no-such-conversation", token: auth.token)
                }
                #expect(missing?.code == .notFound || missing?.code == .forbidden)
                let expired = await #expect(throws: ServerClientError.self) {
                    _ = try await client.check(token: "not-a-token")
                }
                #expect(expired?.code == .sessionRejected)
                let duplicate = await #expect(throws: ServerClientError.self) {
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
            let http = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
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
}

private let quietLogger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

/// Runs `body` against a real server in-process on port 0, over SQLite in a temporary directory.
private func withTestServer(_ body: (InProcessServer) async throws -> Void) async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let server = try await InProcessServer.start(
        configuration: InProcessServer.configuration(
            dataDirectory: directory.url.appendingPathComponent("data"),
            secret: "sync-test-secret-0123456789abcdef0123456789"))
    do {
        try await body(server)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}
