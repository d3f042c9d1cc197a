import DialogueRPC
import DialogueRPCTransport
import DialogueTestSupport
import Foundation
import Testing

@testable import DialogueDaemon

/// `bot.*` through a real daemon, against a real OpenAI-compatible endpoint on a local port:
/// directly from the daemon, and through a real Dialogue server.
@Suite("The AI assistant", .timeLimit(.minutes(3)))
struct AssistantTests {
    /// What one `bot.ask` streamed back to the connection that asked.
    struct Streamed {
        var requestId: String
        var tokens: [String]
        var error: String?
        var text: String { tokens.joined() }
    }

    static let question = "How do I verify a contact?"

    /// Asks on `client` and collects the notifications of that request until `bot.done`;
    /// `afterFirstToken` runs once, when the first token arrived.
    static func collect(
        _ client: RPCClient,
        _ prompt: String,
        afterFirstToken: (String) async throws -> Void = { _ in }
    ) async throws -> Streamed {
        let answer = try await client.call("bot.ask", params: ["prompt": .string(prompt)])
        let requestId = try #require(answer["requestId"]?.stringValue)
        var streamed = Streamed(requestId: requestId, tokens: [])
        for await notification in client.notifications {
            let params = notification.params
            guard params?["requestId"]?.stringValue == requestId else { continue }
            if notification.method == "bot.token" {
                streamed.tokens.append(params?["text"]?.stringValue ?? "")
                if streamed.tokens.count == 1 { try await afterFirstToken(requestId) }
            } else if notification.method == "bot.done" {
                streamed.error = params?["error"]?.stringValue
                return streamed
            }
        }
        throw DaemonError(.failed, "the connection closed before bot.done")
    }

    static func ask(_ daemon: TestDaemon, _ prompt: String = question) async throws -> Streamed {
        try await RPCClient.withConnection(socketPath: daemon.paths.socket.path) { client in
            try await collect(client, prompt)
        }
    }

    static func history(_ daemon: TestDaemon) async throws -> [JSONValue] {
        try await daemon.call("bot.history").arrayValue ?? []
    }

    /// An unlocked daemon without an account in direct mode against `baseURL`, with an API key file.
    static func withDirectDaemon<T>(
        _ baseURL: String,
        keyFileMode: Int? = 0o600,
        _ body: (TestDaemon) async throws -> T
    ) async throws -> T {
        let secrets = try TestDirectory()
        defer { secrets.remove() }
        let keyFile = secrets.url.appendingPathComponent("ai.key")
        if let keyFileMode {
            try Data("sk-local-0123\n".utf8).write(to: keyFile)
            try FileManager.default.setAttributes([.posixPermissions: keyFileMode], ofItemAtPath: keyFile.path)
        }
        let config = """
            [assistant]
            mode = "direct"
            baseURL = "\(baseURL)"
            model = "test-model"
            apiKeyFile = "\(keyFile.path)"
            """
        return try await withTestDaemon(configText: config) { daemon in
            _ = try await daemon.call("daemon.unlock", ["passphrase": "correct horse battery staple"])
            return try await body(daemon)
        }
    }

    static func withProvider<T>(_ body: (FakeProvider) async throws -> T) async throws -> T {
        let provider = try await FakeProvider()
        do {
            let result = try await body(provider)
            await provider.stop()
            return result
        } catch {
            await provider.stop()
            throw error
        }
    }

    // MARK: - Direct

    @Test func directTokensArriveInOrderAcrossSplitReadsUntilDone() async throws {
        try await Self.withProvider { provider in
            try await Self.withDirectDaemon(provider.baseURL(.ok)) { daemon in
                let streamed = try await Self.ask(daemon)
                #expect(streamed.error == nil)
                // Split events and a split character arrive whole; nothing after [DONE] does.
                #expect(streamed.tokens == ["Hello", ", ", "wörld 🌍"])
                let seen = try #require(provider.requests.last)
                #expect(seen.path == "/ok/v1/chat/completions")
                #expect(seen.authorization == "Bearer sk-local-0123")
                let model = seen.json["model"] as? String
                let stream = seen.json["stream"] as? Bool
                #expect(model == "test-model")
                #expect(stream == true)
                #expect(seen.messages == [["role": "user", "content": Self.question]])

                let turns = try await Self.history(daemon)
                let roles = turns.compactMap { $0["role"]?.stringValue }
                let texts = turns.compactMap { $0["text"]?.stringValue }
                #expect(roles == ["user", "assistant"])
                #expect(texts == [Self.question, "Hello, wörld 🌍"])
                #expect(turns.allSatisfy { $0["createdAt"]?.stringValue?.hasSuffix("Z") == true })

                // The next question carries the conversation so far as context.
                _ = try await Self.ask(daemon, "And a group?")
                let next = try #require(provider.requests.last)
                #expect(next.messages.map { $0["role"] ?? "" } == ["user", "assistant", "user"])
                #expect(next.messages.last?["content"] == "And a group?")
            }
        }
    }

    /// The asker gets each token once even when subscribed; other subscribed front ends see the
    /// same stream, in order (spec/rpc.md lists `bot.token` and `bot.done` as notifications).
    @Test func subscribersSeeTheStreamOnceAndInOrder() async throws {
        try await Self.withProvider { provider in
            try await Self.withDirectDaemon(provider.baseURL(.ok)) { daemon in
                let watcher = try await EventWatcher(socket: daemon.paths.socket.path)
                do {
                    let streamed = try await RPCClient.withConnection(socketPath: daemon.paths.socket.path) { client in
                        _ = try await client.call("events.subscribe", params: ["types": ["bot.token", "bot.done"]])
                        return try await Self.collect(client, Self.question)
                    }
                    #expect(streamed.tokens == ["Hello", ", ", "wörld 🌍"])
                    try await watcher.wait(for: "bot.done") { $0["requestId"]?.stringValue == streamed.requestId }
                    #expect(watcher.events("bot.token").compactMap { $0["text"]?.stringValue } == streamed.tokens)
                    #expect(watcher.events("bot.done").count == 1)
                } catch {
                    await watcher.stop()
                    throw error
                }
                await watcher.stop()
            }
        }
    }

    @Test func aMalformedLineIsSkipped() async throws {
        try await Self.withProvider { provider in
            try await Self.withDirectDaemon(provider.baseURL(.malformed)) { daemon in
                let streamed = try await Self.ask(daemon)
                #expect(streamed.error == nil)
                #expect(streamed.text == "one two")
            }
        }
    }

    @Test(arguments: [
        (FakeProvider.Scenario.die, "cut short"), (.noDone, "before [DONE]"), (.streamError, "overloaded"),
    ])
    func anAnswerThatBreaksOffKeepsOnlyTheQuestion(_ scenario: FakeProvider.Scenario, _ mentions: String)
        async throws
    {
        try await Self.withProvider { provider in
            try await Self.withDirectDaemon(provider.baseURL(scenario)) { daemon in
                let streamed = try await Self.ask(daemon)
                #expect(streamed.tokens.first != nil)
                let error = try #require(streamed.error)
                #expect(error.contains(mentions), "\(error)")
                let turns = try await Self.history(daemon)
                let roles = turns.compactMap { $0["role"]?.stringValue }
                #expect(roles == ["user"])
                // The unanswered question stays in the context of the next one.
                _ = try await Self.ask(daemon, "Again?")
                let contents = provider.requests.last?.messages.compactMap { $0["content"] }
                #expect(contents == [Self.question, "Again?"])
            }
        }
    }

    @Test(arguments: [
        (FakeProvider.Scenario.unauthorized, "refused the API key"), (.busy, "try again in 7 seconds"),
        (.broken, "failed"),
    ])
    func providerRefusalsEndTheAnswerWithAReason(_ scenario: FakeProvider.Scenario, _ mentions: String)
        async throws
    {
        try await Self.withProvider { provider in
            try await Self.withDirectDaemon(provider.baseURL(scenario)) { daemon in
                let streamed = try await Self.ask(daemon)
                #expect(streamed.tokens.isEmpty)
                let error = try #require(streamed.error)
                #expect(error.contains(mentions), "\(error)")
                #expect(!error.contains("sk-local"))
                let turns = try await Self.history(daemon)
                #expect(turns.count == 1)
            }
        }
    }

    @Test func cancelStopsTheAnswerAndItsRequest() async throws {
        try await Self.withProvider { provider in
            try await Self.withDirectDaemon(provider.baseURL(.stall)) { daemon in
                let streamed = try await RPCClient.withConnection(socketPath: daemon.paths.socket.path) { client in
                    try await Self.collect(client, Self.question) { requestId in
                        // One answer at a time.
                        let second = try await daemon.callFailing("bot.ask", ["prompt": "Another?"])
                        #expect(second.code == .conflict)
                        _ = try await daemon.call("bot.cancel", ["requestId": .string(requestId)])
                    }
                }
                #expect(streamed.tokens == ["thinking"])
                let error = try #require(streamed.error)
                #expect(error.contains("cancelled"), "\(error)")
                // The HTTP request went with it: the endpoint saw its client hang up.
                try await eventually("the endpoint to see the request cancelled") { provider.abandoned == 1 }
                let gone = try await daemon.callFailing("bot.cancel", ["requestId": .string(streamed.requestId)])
                #expect(gone.code == .notFound)
                let turns = try await Self.history(daemon)
                #expect(turns.compactMap { $0["role"]?.stringValue } == ["user"])

                // A front end that hangs up mid-answer cancels it too.
                try await RPCClient.withConnection(socketPath: daemon.paths.socket.path) { client in
                    let answer = try await client.call("bot.ask", params: ["prompt": "Still there?"])
                    #expect(answer["requestId"]?.stringValue != nil)
                    for await notification in client.notifications where notification.method == "bot.token" { break }
                }
                try await eventually("the endpoint to see the front end leave") { provider.abandoned == 2 }
                // And the daemon takes the next question.
                try await eventually("the assistant to take a question again") {
                    let next = try await RPCClient.withConnection(socketPath: daemon.paths.socket.path) { client in
                        try await Self.collect(client, "Third?") { requestId in
                            _ = try await daemon.call("bot.cancel", ["requestId": .string(requestId)])
                        }
                    }
                    return next.error?.contains("cancelled") == true
                }
            }
        }
    }

    @Test func historyKeepsTheLastFifteenTurnsSealedInTheCache() async throws {
        try await Self.withProvider { provider in
            try await Self.withDirectDaemon(provider.baseURL(.ok)) { daemon in
                for index in 1...8 {
                    let streamed = try await Self.ask(daemon, "zebra-quokka question \(index)")
                    #expect(streamed.error == nil)
                }
                // The eighth question went with the fifteen turns before it, itself included.
                let last = try #require(provider.requests.last)
                #expect(last.messages.count == 15)
                #expect(last.messages.last?["content"] == "zebra-quokka question 8")

                var turns = try await Self.history(daemon)
                #expect(turns.count == 15)
                #expect(turns.first?["role"]?.stringValue == "assistant")
                #expect(turns.last?["text"]?.stringValue == "Hello, wörld 🌍")

                // Nothing of the conversation is readable on disk.
                for file in try FileManager.default.subpathsOfDirectory(atPath: daemon.paths.dataDirectory.path) {
                    let data = FileManager.default.contents(
                        atPath: daemon.paths.dataDirectory.appendingPathComponent(file).path)
                    let bytes = data ?? Data()
                    #expect(bytes.range(of: Data("zebra-quokka".utf8)) == nil, "\(file)")
                    #expect(bytes.range(of: Data("wörld".utf8)) == nil, "\(file)")
                }

                // It survives a lock, and bot.clear forgets it.
                _ = try await daemon.call("daemon.lock")
                let locked = try await daemon.callFailing("bot.history")
                #expect(locked.code == .locked)
                _ = try await daemon.call("daemon.unlock", ["passphrase": "correct horse battery staple"])
                turns = try await Self.history(daemon)
                #expect(turns.count == 15)
                _ = try await daemon.call("bot.clear")
                turns = try await Self.history(daemon)
                #expect(turns.isEmpty)
            }
        }
    }

    @Test func anEmptyPromptIsRefused() async throws {
        try await Self.withProvider { provider in
            try await Self.withDirectDaemon(provider.baseURL(.ok)) { daemon in
                let error = try await daemon.callFailing("bot.ask", ["prompt": "  \n"])
                #expect(error.code == .invalidInput)
                #expect(provider.requests.isEmpty)
            }
        }
    }

    // MARK: - Missing or unsafe configuration

    @Test func aMissingKeyFileSaysTheAssistantIsNotConfigured() async throws {
        try await Self.withProvider { provider in
            try await Self.withDirectDaemon(provider.baseURL(.ok), keyFileMode: nil) { daemon in
                let streamed = try await Self.ask(daemon)
                let error = try #require(streamed.error)
                #expect(error.contains("AI assistant is not configured"), "\(error)")
                #expect(provider.requests.isEmpty)
                // The question is kept for when it is configured.
                let turns = try await Self.history(daemon)
                #expect(turns.count == 1)
            }
        }
    }

    @Test func aKeyFileOthersCanReadIsRefused() async throws {
        try await Self.withProvider { provider in
            try await Self.withDirectDaemon(provider.baseURL(.ok), keyFileMode: 0o644) { daemon in
                let streamed = try await Self.ask(daemon)
                let error = try #require(streamed.error)
                #expect(error.contains("chmod 600"), "\(error)")
                #expect(provider.requests.isEmpty)
            }
        }
    }

    @Test func serverModeNeedsAnAccount() async throws {
        try await withTestDaemon { daemon in
            _ = try await daemon.call("daemon.unlock", ["passphrase": "correct horse battery staple"])
            let error = try await daemon.callFailing("bot.ask", ["prompt": .string(Self.question)])
            #expect(error.code == .notSignedIn)
        }
    }

    @Test func aServerWithoutAnAssistantSaysSo() async throws {
        try await withChatUsers(["Ada"]) { _, users in
            let streamed = try await Self.ask(users[0].daemon)
            let error = try #require(streamed.error)
            #expect(error.contains("AI assistant is not configured"), "\(error)")
            let turns = try await Self.history(users[0].daemon)
            #expect(turns.count == 1)
        }
    }

    // MARK: - Through the server

    @Test func throughTheServerEndToEnd() async throws {
        try await Self.withProvider { provider in
            let server = try await TestServer.start(assistantBaseURL: provider.baseURL(.ok))
            let directory = try TestDirectory()
            defer { directory.remove() }
            do {
                let ada = try await ChatUser.signUp("Ada", on: server.url, in: directory)
                let first = try await Self.ask(ada.daemon)
                #expect(first.error == nil)
                #expect(first.text == "Hello, wörld 🌍")
                let seen = try #require(provider.requests.last)
                // The server adds its system prompt; the daemon sends the conversation.
                #expect(seen.messages.first?["role"] == "system")
                #expect(seen.messages.last == ["role": "user", "content": Self.question])

                _ = try await Self.ask(ada.daemon, "And a group?")
                let next = try #require(provider.requests.last)
                let contents = next.messages.dropFirst().compactMap { $0["content"] }
                #expect(contents == [Self.question, "Hello, wörld 🌍", "And a group?"])
                await ada.stop()
            } catch {
                await server.stop()
                throw error
            }
            await server.stop()
        }
    }

    @Test func throughTheServerAnUpstreamThatDiesEndsTheAnswerWithAnError() async throws {
        try await Self.withProvider { provider in
            let server = try await TestServer.start(assistantBaseURL: provider.baseURL(.die))
            let directory = try TestDirectory()
            defer { directory.remove() }
            do {
                let ada = try await ChatUser.signUp("Ada", on: server.url, in: directory)
                let streamed = try await Self.ask(ada.daemon)
                #expect(streamed.text == "partial")
                let error = try #require(streamed.error)
                #expect(error.contains("cut short"), "\(error)")
                let turns = try await Self.history(ada.daemon)
                #expect(turns.compactMap { $0["role"]?.stringValue } == ["user"])
                await ada.stop()
            } catch {
                await server.stop()
                throw error
            }
            await server.stop()
        }
    }
}
