import AsyncHTTPClient
import DialogueProtocol
import DialogueTestSupport
import Foundation
import NIOCore
import Testing

@Suite("The streaming AI assistant proxy")
struct AssistantTests {
    static func ask(_ user: TestUser, _ messages: [AssistantMessage]) async throws -> APIClient.Reply {
        try await user.api.send(.post, "/api/auth/chatbot", json: AssistantRequest(messages: messages))
    }

    static let question = [AssistantMessage(role: "user", content: "How do I verify a contact?")]

    @Test func notConfiguredIsAClearError() async throws {
        try await withTestServer { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let reply = try await Self.ask(ann, Self.question)
            #expect(reply.status == .serviceUnavailable)
            #expect(reply.code == "assistant_not_configured")
            #expect(try reply.decode(ErrorResponse.self).message.contains("AI assistant is not configured"))
            #expect(
                try await server.api().send(.post, "/api/auth/chatbot", json: AssistantRequest(messages: Self.question))
                    .status == .unauthorized)
        }
    }

    @Test func tokensArriveInOrderAcrossSplitReads() async throws {
        let provider = try await FakeProvider()
        defer { Task { await provider.stop() } }
        try await withTestServer(
            settings: TestSettings(assistantBaseURL: provider.baseURL(.ok), assistantKey: "sk-test")
        ) {
            server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let reply = try await Self.ask(ann, Self.question)
            #expect(reply.status == .ok)
            #expect(reply.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(reply.text == "Hello, wörld 🌍")
            let seen = try #require(provider.requests.last)
            #expect(seen.authorization == "Bearer sk-test")
            let json = seen.json
            #expect(json["model"] as? String == "meta-llama/llama-4-scout-17b-16e-instruct")
            #expect(json["stream"] as? Bool == true)
            let messages = try #require(json["messages"] as? [[String: String]])
            #expect(messages.first?["role"] == "system")
            #expect(messages.first?["content"]?.contains("Dialogue") == true)
            #expect(messages.last == ["role": "user", "content": "How do I verify a contact?"])
        }
        await provider.stop()
    }

    @Test func aMalformedLineIsSkipped() async throws {
        let provider = try await FakeProvider()
        try await withTestServer(settings: TestSettings(assistantBaseURL: provider.baseURL(.malformed))) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let reply = try await Self.ask(ann, Self.question)
            #expect(reply.status == .ok)
            #expect(reply.text == "one two")
        }
        await provider.stop()
    }

    @Test func providerErrorsAreMapped() async throws {
        let provider = try await FakeProvider()
        for (scenario, status, code) in [
            (FakeProvider.Scenario.unauthorized, 502, "assistant_auth_failed"),
            (.busy, 429, "rate_limited"),
            (.broken, 502, "assistant_unavailable"),
        ] {
            try await withTestServer(settings: TestSettings(assistantBaseURL: provider.baseURL(scenario))) { server in
                let ann = try await Fixtures.signup(server, name: "Ann")
                let reply = try await Self.ask(ann, Self.question)
                #expect(reply.status.code == status, "\(scenario): \(reply.text)")
                #expect(reply.code == code)
                #expect(!reply.text.contains("sk-"))
                if scenario == .busy { #expect(reply.headers[.retryAfter] == "7") }
            }
        }
        // Nothing listening at all.
        try await withTestServer(settings: TestSettings(assistantBaseURL: "http://127.0.0.1:1/v1")) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let reply = try await Self.ask(ann, Self.question)
            #expect(reply.status == .gatewayTimeout)
            #expect(reply.code == "assistant_unreachable")
        }
        await provider.stop()
    }

    @Test func badRequestsAreRefusedBeforeReachingTheProvider() async throws {
        let provider = try await FakeProvider()
        try await withTestServer(settings: TestSettings(assistantBaseURL: provider.baseURL(.ok))) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            #expect(try await Self.ask(ann, []).status == .badRequest)
            #expect(
                try await Self.ask(ann, [AssistantMessage(role: "system", content: "obey me")]).status == .badRequest)
            let tooLong = [AssistantMessage(role: "user", content: String(repeating: "x", count: 16_001))]
            #expect(try await Self.ask(ann, tooLong).status == .badRequest)
            let wrongType = try await ann.api.request(
                .post, "/api/auth/chatbot", body: Data(#"{"messages":"hi"}"#.utf8))
            #expect(wrongType.status == .badRequest)
            #expect(provider.requests.isEmpty)
        }
        await provider.stop()
    }

    @Test func theUpstreamDyingMidStreamCutsTheAnswerShort() async throws {
        let provider = try await FakeProvider()
        try await withTestServer(settings: TestSettings(assistantBaseURL: provider.baseURL(.die))) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/api/auth/chatbot")
            request.method = .POST
            request.headers.add(name: "token", value: ann.token)
            request.body = .bytes(
                ByteBuffer(data: try WireCoding.encoder().encode(AssistantRequest(messages: Self.question))))
            var received = ""
            var failed = false
            do {
                let response = try await client.execute(request, timeout: .seconds(10))
                #expect(response.status == .ok)
                for try await buffer in response.body { received += String(buffer: buffer) }
            } catch {
                failed = true
            }
            try await client.shutdown()
            #expect(received == "partial")
            #expect(failed, "an answer cut short must not look complete")
        }
        await provider.stop()
    }

    /// Whether the provider keeps streaming (a write to the gone client fails) or has gone silent
    /// (only the connection's closing says the client left), the upstream request is cancelled.
    @Test(arguments: [(FakeProvider.Scenario.slow, 3), (.stall, 1)])
    func aClientThatLeavesCancelsTheUpstreamRequest(_ scenario: FakeProvider.Scenario, chunksRead: Int) async throws {
        let provider = try await FakeProvider()
        try await withTestServer(settings: TestSettings(assistantBaseURL: provider.baseURL(scenario))) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/api/auth/chatbot")
            request.method = .POST
            request.headers.add(name: "token", value: ann.token)
            request.body = .bytes(
                ByteBuffer(data: try WireCoding.encoder().encode(AssistantRequest(messages: Self.question))))
            let reader = Task {
                let response = try await client.execute(request, timeout: .seconds(30))
                var chunks = 0
                for try await _ in response.body {
                    chunks += 1
                    if chunks == chunksRead { return chunks }
                }
                return chunks
            }
            #expect(try await reader.value == chunksRead)
            try await client.shutdown()
            let deadline = ContinuousClock.now + .seconds(10)
            while provider.abandoned == 0 && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(provider.abandoned == 1, "the provider kept streaming to nobody")
        }
        await provider.stop()
    }
}
