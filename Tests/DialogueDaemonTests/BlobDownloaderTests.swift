import DialogueCrypto
import DialogueStore
import DialogueTestSupport
import Foundation
import Logging
import Synchronization
import Testing

@testable import DialogueDaemon

/// The background download queue: asking for a blob never waits for it, a blob is fetched once
/// however often it is asked for, and only ciphertext matching its signed descriptor is kept.
@Suite(.timeLimit(.minutes(1)))
struct BlobDownloaderTests {
    /// A server stand-in whose downloads wait until the test releases them, counting every fetch.
    actor StalledServer {
        private var blobs: [String: [UInt8]] = [:]
        private var released = false
        private var waiting: [CheckedContinuation<Void, Never>] = []
        private(set) var fetches: [String] = []

        func put(_ blob: [UInt8], as id: String) { blobs[id] = blob }

        func fetch(_ id: String) async throws(DaemonError) -> [UInt8] {
            fetches.append(id)
            if !released { await withCheckedContinuation { waiting.append($0) } }
            guard let blob = blobs[id] else { throw DaemonError(.notFound, "No blob \(id)") }
            return blob
        }

        func release() {
            released = true
            for waiter in waiting { waiter.resume() }
            waiting.removeAll()
        }
    }

    /// Records completions in the order they ran.
    final class Completions: Sendable {
        let results = Mutex<[String]>([])
        func record(_ entry: String) { results.withLock { $0.append(entry) } }
    }

    static func attachment(_ bytes: [UInt8], id: String) throws -> (blob: [UInt8], attachment: CachedAttachment) {
        let (blob, descriptor) = try AttachmentCipher.encrypt(bytes, blobID: id)
        return (blob, CachedAttachment(descriptor: descriptor))
    }

    static func downloader(width: Int = 2, server: StalledServer) throws -> (BlobDownloader, BlobCache, URL) {
        let root = URL(fileURLWithPath: try TemporaryDirectory.create(prefix: "blobs"), isDirectory: true)
        let cache = BlobCache(
            files: SessionFiles(
                blobs: root.appendingPathComponent("blobs"), decrypted: root.appendingPathComponent("run")),
            logger: Logger(label: "test"))
        let downloader = BlobDownloader(cache: cache, width: width, logger: Logger(label: "test")) {
            id throws(DaemonError) in
            try await server.fetch(id)
        }
        return (downloader, cache, root)
    }

    @Test func askingNeverWaitsAndEachBlobIsFetchedOnce() async throws {
        let server = StalledServer()
        let (downloader, cache, root) = try Self.downloader(server: server)
        defer { try? FileManager.default.removeItem(at: root) }
        let image = try Self.attachment(Array("a large image".utf8), id: "b1")
        await server.put(image.blob, as: "b1")
        let done = Completions()

        // The server holds the download; both asks return at once and share one fetch.
        #expect(await downloader.enqueue(image.attachment, kind: "an attachment") { done.record("first \($0)") })
        #expect(await downloader.enqueue(image.attachment, kind: "an attachment") { done.record("second \($0)") })
        #expect(await downloader.pendingCount == 1)
        #expect(done.results.withLock { $0 }.isEmpty)
        #expect(!cache.hasBlob(image.attachment))

        await server.release()
        await downloader.drain()
        #expect(done.results.withLock { $0 } == ["first true", "second true"])
        #expect(await server.fetches == ["b1"])
        #expect(cache.hasBlob(image.attachment))
        let message = CachedMessage(
            id: "m1", conversationId: "c1", senderId: "u1", text: "", createdAt: Date(), seen: true)
        var withImage = message
        withImage.attachment = image.attachment
        let path = try #require(cache.attachmentPath(for: withImage))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("a large image".utf8))

        // Once cached, nothing is queued and the completion does not run.
        #expect(await !downloader.enqueue(image.attachment, kind: "an attachment") { done.record("third \($0)") })
        #expect(done.results.withLock { $0 }.count == 2)
    }

    @Test func aStalledDownloadHoldsOnlyItsOwnSlot() async throws {
        let server = StalledServer()
        let (downloader, cache, root) = try Self.downloader(width: 1, server: server)
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try Self.attachment([1, 2, 3], id: "b1")
        let second = try Self.attachment([4, 5, 6], id: "b2")
        await server.put(first.blob, as: "b1")
        await server.put(second.blob, as: "b2")
        let done = Completions()

        // One slot: the second waits in the queue, and neither ask waited for the stalled fetch.
        #expect(await downloader.enqueue(first.attachment, kind: "an attachment") { done.record("b1 \($0)") })
        #expect(await downloader.enqueue(second.attachment, kind: "an attachment") { done.record("b2 \($0)") })
        #expect(await downloader.pendingCount == 2)
        #expect(await server.fetches == ["b1"])

        await server.release()
        await downloader.drain()
        #expect(done.results.withLock { $0 } == ["b1 true", "b2 true"])
        #expect(cache.hasBlob(first.attachment) && cache.hasBlob(second.attachment))
    }

    @Test func ciphertextThatDoesNotMatchItsDescriptorIsNotKept() async throws {
        let server = StalledServer()
        await server.release()
        let (downloader, cache, root) = try Self.downloader(server: server)
        defer { try? FileManager.default.removeItem(at: root) }
        let image = try Self.attachment([7, 8, 9], id: "b1")
        var tampered = image.blob
        tampered[tampered.count - 1] ^= 0xFF
        await server.put(tampered, as: "b1")
        let missing = try Self.attachment([1], id: "gone")
        let done = Completions()

        await downloader.enqueue(image.attachment, kind: "an attachment") { done.record("tampered \($0)") }
        await downloader.drain()
        await downloader.enqueue(missing.attachment, kind: "an attachment") { done.record("missing \($0)") }
        await downloader.drain()
        #expect(done.results.withLock { $0 } == ["tampered false", "missing false"])
        #expect(!cache.hasBlob(image.attachment))

        // A failed blob is asked for again later (a list after the server came back).
        await server.put(image.blob, as: "b1")
        #expect(await downloader.enqueue(image.attachment, kind: "an attachment"))
        await downloader.drain()
        #expect(cache.hasBlob(image.attachment))
    }

    @Test func closingDropsQueuedWorkAndRunsNoCompletion() async throws {
        let server = StalledServer()
        let (downloader, cache, root) = try Self.downloader(width: 1, server: server)
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try Self.attachment([1], id: "b1")
        let second = try Self.attachment([2], id: "b2")
        await server.put(first.blob, as: "b1")
        await server.put(second.blob, as: "b2")
        let done = Completions()
        await downloader.enqueue(first.attachment, kind: "an attachment") { done.record("b1 \($0)") }
        await downloader.enqueue(second.attachment, kind: "an attachment") { done.record("b2 \($0)") }

        await downloader.close()
        await server.release()
        await downloader.drain()
        #expect(await downloader.pendingCount == 0)
        #expect(await !downloader.enqueue(second.attachment, kind: "an attachment"))
        #expect(await server.fetches == ["b1"])
        #expect(done.results.withLock { $0 }.isEmpty)
        #expect(!cache.hasBlob(second.attachment))
    }
}
