import DialogueProtocol
import Foundation
import Testing

@Suite("The event stream on /api/ws")
struct SyncTests {
    @Test(arguments: TestStore.allCases) func theUpgradeNeedsAValidToken(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let anonymous = TestSocket(port: server.port, token: nil)
            try await anonymous.waitUntilClosed()
            #expect(anonymous.received.isEmpty)
            let forged = TestSocket(port: server.port, token: "not-a-token")
            try await forged.waitUntilClosed()
            #expect(forged.received.isEmpty)
        }
    }

    @Test(arguments: TestStore.allCases) func replayThenReadyThenLive(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let ben = try await Fixtures.signup(server, name: "Ben")
            let direct = try await Fixtures.createDirect(ann, with: ben)
            let before = try await Fixtures.send(ann, to: direct.id, text: "before")

            let socket = TestSocket(port: server.port, token: ben.token)
            let frames = try await socket.wait("ready") { $0.contains(where: \.isReady) }
            let readyIndex = try #require(frames.firstIndex { $0.isReady })
            let replayed = frames[..<readyIndex].compactMap { frame -> SyncEvent? in
                if case .event(let event) = frame { return event }
                return nil
            }
            #expect(replayed.map(\.seq) == Array(1...Int64(replayed.count)))
            #expect(replayed.contains { $0.type == .conversationCreated && $0.data.conversationId == direct.id })
            #expect(replayed.last?.type == .messageNew)
            #expect(replayed.last?.data.message?.id == before.id)
            #expect(replayed.last?.data.message?.envelope == Fixtures.envelope("before"))
            if case .ready(let cursor) = frames[readyIndex] { #expect(cursor == replayed.last?.seq) }

            let live = try await Fixtures.send(ann, to: direct.id, text: "live")
            try await socket.wait("live message") { _ in socket.events.contains { $0.data.message?.id == live.id } }
            let edit = try await ann.api.send(
                .put,
                "/api/messages/edit/\(live.id)",
                json: EventEnvelopeRequest(
                    id: Fixtures.uniqueId("e"), deviceId: ann.deviceId, epoch: 0, envelope: Fixtures.envelope("e"))
            )
            #expect(edit.status == .ok)
            try await socket.wait("edit") { _ in socket.events.contains { $0.type == .messageEdited } }
            _ = try await ann.api.request(.delete, "/api/messages/delete/\(live.id)")
            try await socket.wait("delete") { _ in socket.events.contains { $0.type == .messageDeleted } }
            let seqs = socket.events.map(\.seq)
            #expect(seqs == Array(1...Int64(seqs.count)))
            await socket.close()

            // Replayed later, the deleted message arrives wiped: the log keeps no ciphertext.
            let again = TestSocket(port: server.port, token: ben.token)
            try await again.wait("ready") { $0.contains(where: \.isReady) }
            let replayedLive = again.events.first { $0.type == .messageNew && $0.data.messageId == live.id }
            #expect(replayedLive?.data.message?.deleted == true)
            #expect(replayedLive?.data.message?.envelope == nil)
            await again.close()
        }
    }

    @Test(arguments: TestStore.allCases) func resumeAfterADisconnectHasNoGapAndNoDuplicate(store: TestStore)
        async throws
    {
        try await withTestServer(store: store) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let ben = try await Fixtures.signup(server, name: "Ben")
            let direct = try await Fixtures.createDirect(ann, with: ben)
            let total = 150
            let sender = Task {
                for index in 0..<total {
                    _ = try await Fixtures.send(ann, to: direct.id, text: "m\(index)")
                }
            }
            // Connect, take a few events, drop the connection, resume from the last stored seq.
            try await TestSocket.readResuming(total: total, token: ben.token, ports: [server.port], while: sender)
        }
    }

    /// The replay is read in pages (the next read while the last is sent): a backlog of several
    /// pages, and one ending exactly on a page, arrives whole and in order, then `ready`.
    @Test(arguments: TestStore.allCases) func aReplayOfSeveralPagesIsWholeAndInOrder(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let ben = try await Fixtures.signup(server, name: "Ben")
            let direct = try await Fixtures.createDirect(ann, with: ben)
            // 399 and 450 messages: about two pages of 200, and more than two.
            for total in [399, 450] {
                let already = total == 399 ? 0 : 399
                for index in already..<total { _ = try await Fixtures.send(ann, to: direct.id, text: "m\(index)") }
                let socket = TestSocket(port: server.port, token: ben.token)
                let frames = try await socket.wait(timeout: 20, "ready") { $0.contains(where: \.isReady) }
                let readyIndex = try #require(frames.firstIndex { $0.isReady })
                let replayed = frames[..<readyIndex].compactMap { frame -> SyncEvent? in
                    if case .event(let event) = frame { return event }
                    return nil
                }
                #expect(replayed.map(\.seq) == Array(1...Int64(replayed.count)), "gap or duplicate before ready")
                #expect(replayed.filter { $0.type == .messageNew }.count == total)
                if case .ready(let cursor) = frames[readyIndex] { #expect(cursor == replayed.last?.seq) }
                let texts = socket.events.compactMap { $0.data.message?.envelope }
                #expect(texts == (0..<total).map { Fixtures.envelope("m\($0)") })
                await socket.close()
            }
        }
    }

    @Test(arguments: TestStore.allCases) func liveEventsCarryTheSameIdsAsReplayedOnes(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let ben = try await Fixtures.signup(server, name: "Ben")
            let direct = try await Fixtures.createDirect(ann, with: ben)
            let socket = TestSocket(port: server.port, token: ben.token)
            try await socket.wait("ready") { $0.contains(where: \.isReady) }
            let sent = try await Fixtures.send(ann, to: direct.id)
            let frames = try await socket.wait("message") { frames in frames.contains { $0.messageId == sent.id } }
            #expect(frames.contains { $0.messageId == sent.id && $0.carriesMessage })
            await socket.close()
        }
    }

    @Test(arguments: TestStore.allCases) func aBadFrameBeforeHelloIsAnsweredAndHelloStillWorks(store: TestStore)
        async throws
    {
        try await withTestServer(store: store) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let socket = TestSocket(port: server.port, token: ann.token, hello: nil)
            socket.sendText("hello?")
            try await socket.wait("error") {
                $0.contains { if case .error("invalid_frame", _) = $0 { true } else { false } }
            }
            socket.send(.hello(cursor: 0, deviceId: "device-1"))
            try await socket.wait("ready") { $0.contains(where: \.isReady) }
            await socket.close()
        }
    }

    @Test(arguments: TestStore.allCases) func aCursorFromElsewhereGetsResync(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let socket = TestSocket(port: server.port, token: ann.token, hello: 999)
            let frames = try await socket.wait("resync and ready") { $0.contains(where: \.isReady) }
            guard case .resync(let cursor) = frames.first else {
                Issue.record("expected resync first, got \(frames)")
                return
            }
            #expect(frames.contains(.ready(cursor: cursor)))
            await socket.close()
        }
    }

    @Test(arguments: TestStore.allCases) func prunedHistoryGetsResync(store: TestStore) async throws {
        try await withTestServer(store: store, settings: TestSettings(eventRetentionSeconds: 60)) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let ben = try await Fixtures.signup(server, name: "Ben")
            let direct = try await Fixtures.createDirect(ann, with: ben)
            _ = try await Fixtures.send(ann, to: direct.id)
            // Restarting runs the pruning service at once with a clock past the retention period.
            await server.stop(dropping: false)
            server.clock.advance(by: 120)
            let restarted = try await TestServer.start(
                directory: server.directory,
                store: store,
                database: server.database,
                clock: server.clock,
                configure: TestSettings(eventRetentionSeconds: 60).apply
            )
            defer { Task { await restarted.stop() } }
            try await Task.sleep(for: .milliseconds(300))
            let socket = TestSocket(port: restarted.port, token: ben.token, hello: 0)
            let frames = try await socket.wait("ready") { $0.contains(where: \.isReady) }
            guard case .resync = frames.first else {
                Issue.record("expected resync, got \(frames)")
                return
            }
            await socket.close()
            await restarted.stop()
        }
    }

    @Test(arguments: TestStore.allCases) func typingIsRelayedOnlyToMembers(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let ben = try await Fixtures.signup(server, name: "Ben")
            let eve = try await Fixtures.signup(server, name: "Eve")
            let direct = try await Fixtures.createDirect(ann, with: ben)
            let annSocket = TestSocket(port: server.port, token: ann.token)
            let benSocket = TestSocket(port: server.port, token: ben.token)
            let eveSocket = TestSocket(port: server.port, token: eve.token)
            for socket in [annSocket, benSocket, eveSocket] {
                try await socket.wait("ready") { $0.contains(where: \.isReady) }
            }
            annSocket.send(.typing(conversationId: direct.id, typing: true))
            try await benSocket.wait("typing") {
                $0.contains(.typing(conversationId: direct.id, userId: ann.id, typing: true))
            }
            // Eve is not a member: her typing frame is refused and nobody hears it.
            eveSocket.send(.typing(conversationId: direct.id, typing: true))
            try await eveSocket.wait("error") {
                $0.contains(.error(code: "not_found", message: "No such conversation."))
            }
            annSocket.send(.typing(conversationId: direct.id, typing: false))
            try await benSocket.wait("stop typing") {
                $0.contains(.typing(conversationId: direct.id, userId: ann.id, typing: false))
            }
            #expect(!eveSocket.received.contains { if case .typing = $0 { return true } else { return false } })
            #expect(!annSocket.received.contains { if case .typing = $0 { return true } else { return false } })
            // A malformed frame gets an error and the connection stays usable.
            benSocket.sendText("{not json")
            try await benSocket.wait("invalid frame error") {
                $0.contains { if case .error("invalid_frame", _) = $0 { return true } else { return false } }
            }
            benSocket.send(.typing(conversationId: direct.id, typing: true))
            try await annSocket.wait("typing after error") {
                $0.contains(.typing(conversationId: direct.id, userId: ben.id, typing: true))
            }
            for socket in [annSocket, benSocket, eveSocket] { await socket.close() }
        }
    }

    @Test(arguments: TestStore.allCases) func presenceOnlineAndLastSeen(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let ben = try await Fixtures.signup(server, name: "Ben")
            let annSocket = TestSocket(port: server.port, token: ann.token)
            try await annSocket.wait("ready") { $0.contains(where: \.isReady) }
            let benSocket = TestSocket(port: server.port, token: ben.token)
            let benFrames = try await benSocket.wait("presence snapshot") { frames in
                frames.contains { if case .presence(let users) = $0 { users.count >= 2 } else { false } }
            }
            #expect(
                benFrames.contains { frame in
                    if case .presence(let users) = frame { return users.contains { $0.userId == ann.id && $0.online } }
                    return false
                })
            try await annSocket.wait("ben online") {
                $0.contains(.presence([PresenceEntry(userId: ben.id, online: true, lastSeen: nil)]))
            }
            var sidebar = try await ann.api.get("/api/messages/users").decode(UsersResponse.self).users
            #expect(sidebar.first { $0.id == ben.id }?.online == true)

            await benSocket.close()
            try await annSocket.wait("ben offline") { frames in
                frames.contains {
                    if case .presence(let users) = $0 {
                        users.contains { $0.userId == ben.id && !$0.online }
                    } else {
                        false
                    }
                }
            }
            sidebar = try await ann.api.get("/api/messages/users").decode(UsersResponse.self).users
            let benRow = try #require(sidebar.first { $0.id == ben.id })
            #expect(!benRow.online)
            #expect(benRow.lastSeen != nil)
            await annSocket.close()
        }
    }

    @Test(arguments: TestStore.allCases) func aSlowConsumerIsDisconnectedAndMemoryStaysBounded(store: TestStore)
        async throws
    {
        try await withTestServer(store: store, settings: TestSettings(sendTimeoutSeconds: 1, connectionQueueLimit: 8)) {
            server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let ben = try await Fixtures.signup(server, name: "Ben")
            let direct = try await Fixtures.createDirect(ann, with: ben)
            let slow = SlowSocket(port: server.port, token: ben.token)
            try await slow.connect()
            let watcher = TestSocket(port: server.port, token: ann.token)
            try await watcher.wait("ben online") { frames in
                frames.contains {
                    if case .presence(let users) = $0 {
                        users.contains { $0.userId == ben.id && $0.online }
                    } else {
                        false
                    }
                }
            }
            // Ben's socket never reads: the server must stop writing and drop him, not buffer.
            for index in 0..<60 {
                _ = try await ann.api.send(
                    .post,
                    "/api/messages/send/\(direct.id)",
                    json: SendMessageRequest(
                        id: Fixtures.uniqueId("big\(index)"),
                        deviceId: ann.deviceId,
                        epoch: 0,
                        envelope: Bytes(Data(repeating: UInt8(index), count: 60 * 1024))
                    )
                )
            }
            try await watcher.wait(timeout: 20, "ben dropped") { frames in
                frames.contains {
                    if case .presence(let users) = $0 {
                        users.contains { $0.userId == ben.id && !$0.online }
                    } else {
                        false
                    }
                }
            }
            slow.close()
            // Everything is still in his log: resuming gets all 60 messages.
            let resumed = TestSocket(port: server.port, token: ben.token)
            try await resumed.wait(timeout: 20, "catch-up") { _ in
                resumed.events.filter { $0.type == .messageNew }.count == 60
            }
            await resumed.close()
            await watcher.close()
        }
    }
}
