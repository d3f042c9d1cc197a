import DialogueProtocol
import Synchronization

/// The bounded queue between the hub and one WebSocket connection.
///
/// When it is full, new items are dropped instead of growing memory: a dropped *event* sets
/// ``lagged`` and the connection re-reads the log from its cursor (events are durable, so nothing
/// is lost); a dropped typing or presence frame is simply gone (they are ephemeral).
final class ConnectionMailbox: Sendable {
    enum Item: Sendable {
        /// A live event and, when the hub has it, its data already encoded (shared by every
        /// connection the event goes to).
        case event(SyncEvent, encodedData: String?)
        case frame(ServerFrame)
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
        if case .dropped(let dropped) = continuation.yield(item), case .event = dropped {
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
