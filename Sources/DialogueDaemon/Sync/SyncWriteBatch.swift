import DialogueRPC
import DialogueStore

/// The cache writes of a batch of synced events, held in memory and saved with the batch's cursor
/// in one transaction: a backlog costs one commit per batch instead of one per event. Reads during
/// the batch see it first, so an event finds what the events before it wrote; front ends hear of
/// it, in order, only once it is saved.
struct SyncWriteBatch: Sendable {
    /// What a front end is told once the batch is saved.
    enum Announcement: Sendable, Equatable {
        case publish(LocalEvent)
        /// A received message: `message.new` (after the attachment it awaits is downloaded) and a
        /// desktop alert when `alert`.
        case arrived(CachedMessage, alert: Bool, awaiting: CachedAttachment?)
    }

    /// The newest copy of each written message, in the order first written.
    private var messages: [String: CachedMessage] = [:]
    private var order: [String] = []
    /// The writes of the event being applied: kept when it is done, dropped when it fails.
    private var pending: [CachedMessage] = []
    private var pendingAnnouncements: [Announcement] = []
    /// What the finished events announce, in order.
    private(set) var announcements: [Announcement] = []
    /// The sequence number of the last finished event.
    private(set) var cursor: Int64?

    /// The copy a read must see: the event's own write, then the batch's.
    func message(_ id: String) -> CachedMessage? {
        pending.last { $0.id == id } ?? messages[id]
    }

    /// Stages the current event's writes and what they announce.
    mutating func stage(_ writes: [CachedMessage], announcing: [Announcement]) {
        pending += writes
        pendingAnnouncements += announcing
    }

    /// Stages an announcement with no write (a conversation changed).
    mutating func announce(_ announcement: Announcement) {
        pendingAnnouncements.append(announcement)
    }

    /// The current event is applied: its writes join the batch and the cursor moves past it.
    mutating func finishEvent(_ seq: Int64) {
        for message in pending {
            if messages.updateValue(message, forKey: message.id) == nil { order.append(message.id) }
        }
        announcements += pendingAnnouncements
        pending.removeAll(keepingCapacity: true)
        pendingAnnouncements.removeAll(keepingCapacity: true)
        cursor = seq
    }

    /// The current event failed: it is asked for again, so nothing it staged is kept.
    mutating func abandonEvent() {
        pending.removeAll()
        pendingAnnouncements.removeAll()
    }

    /// A write made outside the batch (a local change, a finished download) is newer than the
    /// batch's copy: the batch's save must not put the older one back.
    mutating func replace(with written: CachedMessage) {
        if messages[written.id] != nil { messages[written.id] = written }
        for index in pending.indices where pending[index].id == written.id { pending[index] = written }
    }

    /// A conversation was forgotten: its messages must not come back when the batch is saved.
    mutating func forget(conversation id: String) {
        order.removeAll { messages[$0]?.conversationId == id }
        messages = messages.filter { $0.value.conversationId != id }
        pending.removeAll { $0.conversationId == id }
        let keep: (Announcement) -> Bool = { announcement in
            if case .arrived(let message, _, _) = announcement { return message.conversationId != id }
            return true
        }
        announcements = announcements.filter(keep)
        pendingAnnouncements = pendingAnnouncements.filter(keep)
    }

    /// The messages to save, each once in its newest form, in the order first written.
    var writes: [CachedMessage] { order.compactMap { messages[$0] } }
}
