import DialogueCrypto
import DialogueStore
import DialogueTestSupport
import Foundation
import GRDB
import Testing

@Suite("The daemon's encrypted cache")
struct LocalStoreTests {
    static func temporaryDirectory() throws -> URL {
        URL(fileURLWithPath: try TemporaryDirectory.create(prefix: "dst"), isDirectory: true)
    }

    static func cipher() throws -> StoreCipher {
        try StoreKeyFile.create(source: .rawKey, secret: Array(repeating: 7, count: 32)).cipher
    }

    static func message(_ id: String, in conversation: String = "c1", at seconds: Double, text: String) -> CachedMessage
    {
        CachedMessage(
            id: id,
            conversationId: conversation,
            senderId: "u1",
            text: text,
            createdAt: Date(timeIntervalSince1970: seconds)
        )
    }

    /// Every file the store wrote (database, WAL, shared memory), as one blob of bytes.
    static func bytesOnDisk(_ directory: URL) throws -> Data {
        var all = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            all += (try? Data(contentsOf: directory.appendingPathComponent(name))) ?? Data()
        }
        return all
    }

    @Test func noPlaintextReachesTheDisk() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try LocalStore(directory: directory, cipher: try Self.cipher())
        let marker = "PLAINTEXT-MARKER-\(UUID().uuidString)"
        try await store.save(Self.message("m1", at: 1, text: "hello \(marker)"))
        try await store.enqueue(conversationId: "c1", kind: "send", requestId: "r1", payload: Array(marker.utf8))
        try await store.setMeta("account", ["email": marker])
        #expect(try await store.message(id: "m1")?.text == "hello \(marker)")
        let disk = try Self.bytesOnDisk(directory)
        #expect(!disk.isEmpty)
        #expect(disk.range(of: Data(marker.utf8)) == nil)
        #expect(disk.range(of: Data("hello".utf8)) == nil)
        #expect(try await store.integrityCheck() == "ok")
        let mode = try FileManager.default.attributesOfItem(atPath: directory.path)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o077 } == 0)
    }

    @Test func theWrongKeyCannotRead() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try LocalStore(directory: directory, cipher: try Self.cipher())
        try await store.save(Self.message("m1", at: 1, text: "secret"))
        let other = try StoreKeyFile.create(source: .rawKey, secret: Array(repeating: 9, count: 32)).cipher
        let stranger = try LocalStore(directory: directory, cipher: other)
        await #expect(throws: StoreError.self) { try await stranger.message(id: "m1") }
    }

    @Test func aCellMovedToAnotherRowDoesNotDecrypt() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try LocalStore(directory: directory, cipher: try Self.cipher())
        try await store.save(Self.message("m1", at: 1, text: "one"))
        try await store.save(Self.message("m2", at: 2, text: "two"))
        let queue = try DatabaseQueue(path: directory.appendingPathComponent("cache.sqlite").path)
        try await queue.write { db in
            try db.execute(
                sql: "UPDATE messages SET data = (SELECT data FROM messages WHERE id = 'm1') WHERE id = 'm2'")
        }
        #expect(try await store.message(id: "m1")?.text == "one")
        await #expect(
            throws: StoreError(.undecryptable, "a messages cell does not decrypt: wrong key or a modified cache")
        ) {
            try await store.message(id: "m2")
        }
    }

    @Test func pagesRecentAndCursor() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cipher = try Self.cipher()
        let store = try LocalStore(directory: directory, cipher: cipher)
        for index in 0..<10 {
            try await store.save(
                Self.message("m\(index)", in: index < 6 ? "a" : "b", at: Double(index), text: "t\(index)"))
        }
        #expect(try await store.messages(conversationId: "a", limit: 4).map(\.id) == ["m2", "m3", "m4", "m5"])
        #expect(try await store.messages(conversationId: "a", before: "m2", limit: 4).map(\.id) == ["m0", "m1"])
        #expect(try await store.recentMessages(limit: 3).map(\.id) == ["m7", "m8", "m9"])
        #expect(store.messageCount() == 10)
        var seen = 0
        try await store.forEachMessage(batchSize: 3) { seen += $0.count }
        #expect(seen == 10)

        #expect(try await store.cursor() == 0)
        try await store.apply(messages: [Self.message("m10", at: 10, text: "new")], cursor: 42)
        #expect(try await store.cursor() == 42)
        let reopened = try LocalStore(directory: directory, cipher: cipher)
        #expect(try await reopened.cursor() == 42)
        #expect(try await reopened.message(id: "m10")?.text == "new")
    }

    @Test func theOutboxIsOrderedAndIdempotent() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try LocalStore(directory: directory, cipher: try Self.cipher())
        let first = try await store.enqueue(conversationId: "c", kind: "send", requestId: "r1", payload: [1])
        try await store.enqueue(conversationId: "c", kind: "send", requestId: "r2", payload: [2])
        let again = try await store.enqueue(conversationId: "c", kind: "send", requestId: "r1", payload: [9])
        #expect(again == first)
        #expect(try await store.pendingOutbox().map(\.requestId) == ["r1", "r2"])
        try await store.recordAttempt(requestId: "r1", error: "offline")
        let pending = try await store.pendingOutbox()
        #expect(pending.first?.attempts == 1)
        #expect(pending.first?.lastError == "offline")
        #expect(pending.first?.payload == [1])
        try await store.completeOutbox(requestId: "r1")
        #expect(try await store.pendingOutbox().map(\.requestId) == ["r2"])
        #expect(store.outboxCount() == 1)
    }

    @Test("The counts kept in memory match the tables through updates, deletes and a reopen")
    func countsFollowTheWrites() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cipher = try Self.cipher()
        let store = try LocalStore(directory: directory, cipher: cipher)
        try await store.save(Self.message("m1", in: "a", at: 1, text: "one"))
        // The same message again (an edit, a state change) is not a new one.
        try await store.save(Self.message("m1", in: "a", at: 1, text: "one, edited"))
        try await store.apply(
            messages: [Self.message("m2", in: "a", at: 2, text: "two"), Self.message("m3", in: "b", at: 3, text: "x")],
            cursor: 1)
        try await store.enqueue(
            conversationId: "b", kind: "send", requestId: "r1", payload: [1],
            saving: Self.message("m4", in: "b", at: 4, text: "queued"))
        try await store.enqueue(
            conversationId: "b", kind: "send", requestId: "r1", payload: [1],
            saving: Self.message("m4", in: "b", at: 4, text: "queued"))
        #expect(store.counts() == (outbox: 1, messages: 4))
        try await store.apply(messages: [], meta: [], deletingConversation: "b", cursor: nil)
        try await store.completeOutbox(requestId: "r1")
        try await store.completeOutbox(requestId: "r1")
        #expect(store.counts() == (outbox: 0, messages: 2))
        #expect(try await store.message(id: "m1")?.text == "one, edited")
        let reopened = try LocalStore(directory: directory, cipher: cipher)
        #expect(reopened.counts() == (outbox: 0, messages: 2))
    }

    @Test func aRewrittenMessageKeepsItsPlaceAmongThoseOfTheSameMoment() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try LocalStore(directory: directory, cipher: try Self.cipher())
        try await store.apply(
            messages: [Self.message("b", at: 5, text: "first"), Self.message("a", at: 5, text: "second")], cursor: 1)
        // Rewritten in a batch with a new message, as a synced edit arrives with newer ones.
        try await store.apply(
            messages: [Self.message("c", at: 5, text: "third"), Self.message("b", at: 5, text: "first, edited")],
            cursor: 2)
        let page = try await store.messages(conversationId: "c1", limit: 10)
        #expect(page.map(\.id) == ["b", "a", "c"])
        #expect(page.map(\.text) == ["first, edited", "second", "third"])
        #expect(store.messageCount() == 3)
    }
}
