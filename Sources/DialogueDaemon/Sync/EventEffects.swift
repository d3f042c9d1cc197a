import DialogueStore

/// What applying one event changes, as a value: the session performs it (one cache write, then
/// the notification, then the desktop alert), so the rules that chose it can be tested alone.
struct EventEffects: Hashable, Sendable {
    /// Which `message.*` notification the writes announce.
    enum Notice: Hashable, Sendable {
        case new, edited, deleted, reaction, seen
    }

    /// Messages to save, in one transaction with the event's cursor.
    var writes: [CachedMessage] = []
    /// The notification each written message raises, if any.
    var notice: Notice?
    /// A desktop notification for the (one) written message.
    var alert = false

    /// Changes nothing (the event repeats what the cache already holds); the cursor still moves.
    static let none = EventEffects()

    /// The attachment a `message.new` waits for: the notification follows its download, so a front
    /// end that shows the message on `message.new` can show its image.
    var awaitedAttachment: CachedAttachment? {
        guard notice == .new, writes.count == 1 else { return nil }
        return writes[0].attachment
    }
}
