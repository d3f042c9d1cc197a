import DialogueMedia
import DialogueStore
import Logging

/// Downloads received attachments and group avatars in the background.
///
/// Applying an event never waits for a download: a large image on a slow link would otherwise
/// hold up every event after it, and the outbox behind the same gate. At most `width` downloads
/// run at once, oldest first; a blob asked for again while it is queued or running is fetched
/// once, and every asker's completion runs when it lands (or fails).
actor BlobDownloader {
    /// Fetches a blob's ciphertext from the server.
    typealias Fetch = @Sendable (String) async throws(DaemonError) -> [UInt8]
    /// Runs once the blob is cached (`true`) or its download failed (`false`).
    typealias Completion = @Sendable (Bool) async -> Void

    private struct Job {
        var attachment: CachedAttachment
        var kind: String
    }

    private let cache: BlobCache
    private let fetch: Fetch
    private let logger: Logger
    private let width: Int
    private var queue: [Job] = []
    /// Blob ids queued or running.
    private var pending: Set<String> = []
    private var running: [String: Task<Void, Never>] = [:]
    private var completions: [String: [Completion]] = [:]
    /// Finished downloads whose completions are still running.
    private var finishing = 0
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private var closed = false

    init(cache: BlobCache, width: Int = 2, logger: Logger, fetch: @escaping Fetch) {
        self.cache = cache
        self.width = max(1, width)
        self.logger = logger
        self.fetch = fetch
    }

    /// Queues a download unless the blob is already cached, and returns at once.
    /// - Parameters:
    ///   - kind: What the blob is, for the log line when the download fails.
    ///   - completion: Runs when the download finished, from the downloader's context.
    /// - Returns: `false` when nothing was queued (the blob is here, or the session closed); then
    ///   `completion` never runs.
    @discardableResult
    func enqueue(_ attachment: CachedAttachment, kind: String, completion: Completion? = nil) -> Bool {
        guard !closed, !cache.hasBlob(attachment) else { return false }
        let id = attachment.blobId
        if let completion { completions[id, default: []].append(completion) }
        if pending.insert(id).inserted {
            queue.append(Job(attachment: attachment, kind: kind))
            startDue()
        }
        return true
    }

    /// Downloads queued or running.
    var pendingCount: Int { pending.count }

    /// Returns once nothing is queued or running and every completion has run.
    func drain() async {
        guard !isIdle else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// Stops: running downloads are cancelled, queued ones dropped, and no completion runs (lock, logout).
    func close() {
        closed = true
        queue.removeAll()
        completions.removeAll()
        for task in running.values { task.cancel() }
        running.removeAll()
        pending.removeAll()
        resumeIdleWaiters()
    }

    /// Profile pictures are public and small, and the caller (`users.list`) waits for them: the
    /// missing ones are fetched now, side by side, outside the queue.
    func fetchProfilePictures(_ blobIds: Set<String>) async {
        let (fetch, logger) = (fetch, logger)
        let fetched = await withTaskGroup(of: (String, [UInt8]?).self) { group in
            for id in blobIds where BlobCache.isPlainFileName(id) {
                group.addTask {
                    do {
                        return (id, try await fetch(id))
                    } catch {
                        logger.warning("a profile picture could not be fetched", metadata: ["error": "\(error)"])
                        return (id, nil)
                    }
                }
            }
            return await group.reduce(into: [(String, [UInt8]?)]()) { $0.append($1) }
        }
        for case (let id, let bytes?) in fetched {
            do {
                cache.keepProfileAvatar(bytes, mimeType: try ImageDownscaler.inspect(bytes).mimeType, blobId: id)
            } catch {
                logger.warning("a profile picture is not a usable image", metadata: ["error": "\(error)"])
            }
        }
    }

    private func startDue() {
        while running.count < width, !queue.isEmpty {
            let job = queue.removeFirst()
            let id = job.attachment.blobId
            running[id] = Task { [cache, fetch, logger] in
                let fetched: Bool
                do {
                    let blob = try await fetch(id)
                    // Closed meanwhile (lock, logout): nothing more is written.
                    guard !Task.isCancelled else { return }
                    try cache.keep(blob, of: job.attachment)
                    fetched = true
                } catch {
                    logger.warning("\(job.kind) could not be fetched", metadata: ["error": "\(error)"])
                    fetched = false
                }
                await self.finished(id, fetched: fetched)
            }
        }
    }

    private func finished(_ id: String, fetched: Bool) async {
        guard running.removeValue(forKey: id) != nil else { return }
        pending.remove(id)
        let waiting = completions.removeValue(forKey: id) ?? []
        startDue()
        finishing += 1
        for completion in waiting { await completion(fetched) }
        finishing -= 1
        if isIdle { resumeIdleWaiters() }
    }

    private var isIdle: Bool { pending.isEmpty && finishing == 0 }

    private func resumeIdleWaiters() {
        let waiters = idleWaiters
        idleWaiters.removeAll()
        for waiter in waiters { waiter.resume() }
    }
}
