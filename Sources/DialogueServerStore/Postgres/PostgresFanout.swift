import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// Carries "this user's log grew" between instances through PostgreSQL's LISTEN/NOTIFY.
///
/// Notifications are batched: while one `NOTIFY` is on its way, the marks of every commit after
/// it are merged, so the next carries them all (one per batch, not one per message). They carry
/// only user ids and high-water marks; each connection then reads the log from its own cursor,
/// so a repeated or late mark is harmless. A lost one (an instance dying between its commit and
/// its `NOTIFY`, or the listening connection dropping) is made up by a sweep every
/// ``sweepInterval`` that compares the local users' marks with the database.
actor PostgresFanout: Service {
    static let channel = "dialogue_log"
    static let sweepInterval: Duration = .seconds(2)

    let instance = UUID().uuidString
    private let url: PostgresDatabaseURL
    private let client: PostgresClient
    private let sink: any EventSink
    private let logger: Logger
    /// Marks committed here since the last notification; a lock, not actor state, so a commit
    /// records its marks without a task hop.
    private let pending = Mutex<[String: Int64]>([:])
    /// The listening connection, closed at shutdown to end its notification sequence.
    private var listening: PostgresConnection?
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    init(url: PostgresDatabaseURL, client: PostgresClient, sink: any EventSink, logger: Logger) {
        self.url = url
        self.client = client
        self.sink = sink
        self.logger = logger
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Notes what a transaction of this instance committed, for the next notification.
    nonisolated func committed(_ events: [CommittedEvent]) {
        guard !events.isEmpty else { return }
        pending.withLock { marks in
            for committed in events { marks[committed.userId] = max(marks[committed.userId] ?? 0, committed.event.seq) }
        }
        wake.yield()
    }

    func run() async throws {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.notifyLoop() }
            group.addTask { await self.listenLoop() }
            group.addTask { await self.sweepLoop() }
            try? await gracefulShutdown()
            group.cancelAll()
            try? await listening?.close()
        }
    }

    /// Sends one notification per batch of commits.
    private func notifyLoop() async {
        for await _ in wakeups.cancelOnGracefulShutdown() {
            let marks = pending.withLock { marks in
                defer { marks = [:] }
                return marks
            }
            guard !marks.isEmpty else { continue }
            do {
                for payload in LogMarks.payloads(instance: instance, marks: marks) {
                    let text = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
                    try await client.query("SELECT pg_notify(\(Self.channel), \(text))", logger: logger)
                }
            } catch {
                // The sweep makes it up on the other instances.
                logger.warning(
                    "cannot notify the other instances", metadata: ["error": "\(PostgresServerStore.reason(error))"])
            }
        }
    }

    /// Listens on its own connection, reconnecting after a second when it drops.
    private func listenLoop() async {
        var connectionId = 1000
        while !Task.isCancelled {
            do {
                connectionId += 1
                let connection = try await PostgresConnection.connect(
                    configuration: try url.connectionConfiguration(), id: connectionId, logger: logger)
                listening = connection
                do {
                    try await connection.listen(on: Self.channel) { notifications in
                        // Whatever was missed while not listening.
                        await self.sweep()
                        for try await notification in notifications { await self.received(notification.payload) }
                    }
                } catch {
                    listening = nil
                    try? await connection.close()
                    throw error
                }
                listening = nil
                try? await connection.close()
            } catch {
                if Task.isCancelled { return }
                logger.warning(
                    "not hearing the other instances; trying again",
                    metadata: ["error": "\(PostgresServerStore.reason(error))"])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    private func received(_ payload: String) async {
        guard let marks = try? JSONDecoder().decode(LogMarks.self, from: Data(payload.utf8)) else {
            logger.warning("ignoring a notification that is not LogMarks JSON")
            return
        }
        guard marks.instance != instance else { return }
        let local = await sink.subscribedUsers()
        let wanted = marks.marks.filter { local.contains($0.key) }
        if !wanted.isEmpty { await sink.logAdvanced(wanted) }
    }

    private func sweepLoop() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: Self.sweepInterval)
            await sweep()
        }
    }

    /// Reads the current marks of every user connected here and passes them on.
    private func sweep() async {
        let users = await sink.subscribedUsers()
        guard !users.isEmpty else { return }
        do {
            var marks: [String: Int64] = [:]
            let rows = try await client.query(
                "SELECT id, event_seq FROM users WHERE id = ANY(\(Array(users)))", logger: logger)
            for try await (id, seq) in rows.decode((String, Int64).self) { marks[id] = seq }
            await sink.logAdvanced(marks)
        } catch {
            logger.warning("cannot sweep the event logs", metadata: ["error": "\(PostgresServerStore.reason(error))"])
        }
    }
}
