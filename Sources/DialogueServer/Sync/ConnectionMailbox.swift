import DialogueProtocol
import Synchronization

/// The bounded queue between the hub and one WebSocket connection.
///
/// When it is full, new items are dropped instead of growing memory: a dropped *event* sets
/// ``lagged`` (as does a dropped mark of the log's reach) and the connection re-reads the log from its cursor (events are durable, so nothing
/// is lost); a dropped typing or presence frame is simply gone (they are ephemeral).
final class ConnectionMailbox: Sendable {
    enum Item: Sendable {
        /// A live event and, when the hub has it, its data already encoded (shared by every
        /// connection the event goes to).
        case event(SyncEvent, encodedData: String?)
        case frame(ServerFrame)
        /// The user's log reaches this sequence number (committed by another instance).
        case logReaches(Int64)

        /// Events and marks are durable in the log; frames are ephemeral.
        var isAboutTheLog: Bool {
            if case .frame = self { return false }
            return true
        }
    }

    let id: Int
    let userId: String
    let items: AsyncStream<Item>
    private let continuation: AsyncStream<Item>.Continuation
    private let laggedFlag = Mutex(false)

    init(id: Int, userId: String, limit: Int) {
        self.id = id
        self.userId = userId
        (items, continuation) = AsyncStream.makeStream(of: Item.self, bufferingPolicy: .bufferingOldest(limit))
    }

    func push(_ item: Item) {
        if case .dropped(let dropped) = continuation.yield(item), dropped.isAboutTheLog {
            laggedFlag.withLock { $0 = true }
        }
    }

    /// Whether events were dropped since the last call; resets the flag.
    func takeLagged() -> Bool {
        laggedFlag.withLock { lagged in
            defer { lagged = false }
            return lagged
        }
    }

    func finish() { continuation.finish() }
}
