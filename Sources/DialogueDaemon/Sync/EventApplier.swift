import DialogueCrypto
import DialogueProtocol
import DialogueStore
import Foundation

/// The rules for applying the server's events to the cache, without I/O.
///
/// The session gathers the inputs (the cached message, the opened envelope) and performs the
/// effects; everything it decides in between — echoes, tombstones, which notification, whether a
/// desktop alert — lives here and is tested as values, like `SyncStateMachine`.
struct EventApplier: Sendable {
    /// This account's user id.
    let me: String
    /// When the event is applied.
    let now: Date

    /// Messages older than this when they arrive (a backlog after a night offline) raise no desktop
    /// notification: the unread counts tell, a burst of hundreds of pop-ups would not.
    static let alertAge: TimeInterval = 120
    /// An edit of ours that the server dates within this of our own edit is our echo.
    static let echoSkew: TimeInterval = 60

    /// A message that reached the server already deleted: a tombstone keeps its place in history.
    func tombstone(_ message: Message) -> EventEffects {
        EventEffects(writes: [
            CachedMessage(
                id: message.id, conversationId: message.conversationId, senderId: message.senderId, text: "",
                createdAt: message.createdAt, deleted: true, seen: true)
        ])
    }

    /// A new message, opened; `edit` is its latest edit, when the server has one and it opened.
    func received(_ message: Message, sender: String, plaintext: EventPlaintext, edit: EventPlaintext?)
        throws(DaemonError) -> EventEffects
    {
        guard sender == message.senderId, case .message(let body, let reply, let attachments) = plaintext else {
            throw DaemonError(.forbidden, "A message's envelope does not match its sender or kind")
        }
        var cached = CachedMessage(
            id: message.id, conversationId: message.conversationId, senderId: message.senderId, text: body,
            replyTo: reply?.hex, createdAt: message.createdAt, editedAt: nil, deleted: false,
            seen: message.senderId == me || message.seenBy.contains(me), state: .sent)
        cached.seenBy = message.seenBy
        cached.attachment = attachments.first.map(CachedAttachment.init(descriptor:))
        if case .edit(let target, let newBody) = edit, target.hex == message.id {
            cached.text = newBody
            cached.editedAt = message.editedAt
        }
        let alert = message.senderId != me && now.timeIntervalSince(message.createdAt) < Self.alertAge
        return EventEffects(writes: [cached], notice: .new, alert: alert)
    }

    /// Our own edit coming back: only the server's time is taken, nothing is opened again.
    /// `nil` when the edit must be opened (someone else's, or ours from another device).
    func ownEditEcho(_ message: Message, cached: CachedMessage) -> EventEffects? {
        guard message.senderId == me, let editedAt = cached.editedAt, let serverEdit = message.editedAt,
            editedAt >= serverEdit.addingTimeInterval(-Self.echoSkew)
        else { return nil }
        var echoed = cached
        echoed.editedAt = serverEdit
        return EventEffects(writes: [echoed])
    }

    /// An edit, opened.
    func edited(_ cached: CachedMessage, by message: Message, plaintext: EventPlaintext) throws(DaemonError)
        -> EventEffects
    {
        guard case .edit(let target, let body) = plaintext, target.hex == message.id else {
            throw DaemonError(.forbidden, "An edit's envelope does not match its message")
        }
        var changed = cached
        changed.text = body
        changed.editedAt = message.editedAt ?? now
        return EventEffects(writes: [changed], notice: .edited)
    }

    /// A soft delete: the text, image and reactions go, the place in history stays.
    func deleted(_ message: Message, cached: CachedMessage?) -> EventEffects {
        var changed =
            cached
            ?? CachedMessage(
                id: message.id, conversationId: message.conversationId, senderId: message.senderId, text: "",
                createdAt: message.createdAt, seen: true)
        guard !changed.deleted else { return .none }
        changed.deleted = true
        changed.text = ""
        changed.attachment = nil
        changed.reactions = [:]
        return EventEffects(writes: [changed], notice: .deleted)
    }

    /// A reaction, opened.
    func reacted(_ cached: CachedMessage, by reaction: Reaction, sender: String, plaintext: EventPlaintext)
        throws(DaemonError) -> EventEffects
    {
        guard case .reaction(let target, let key, let on) = plaintext, target.hex == reaction.messageId,
            sender == reaction.userId
        else {
            throw DaemonError(.forbidden, "A reaction's envelope does not match")
        }
        var changed = cached
        Self.setReaction(&changed, user: reaction.userId, emoji: key, on: on)
        return EventEffects(writes: [changed], notice: .reaction)
    }

    /// A seen receipt over the cached messages it names: ours marks them read here, someone
    /// else's adds a seen-by mark to ours. Repeats change nothing.
    func seen(_ receipt: SeenReceipt, cached: [CachedMessage]) -> EventEffects {
        var changed: [CachedMessage] = []
        for var message in cached {
            if receipt.userId == me {
                guard !message.seen else { continue }
                message.seen = true
            } else {
                guard !message.seenBy.contains(receipt.userId) else { continue }
                message.seenBy.append(receipt.userId)
            }
            changed.append(message)
        }
        return changed.isEmpty ? .none : EventEffects(writes: changed, notice: .seen)
    }

    /// Sets or clears one user's reaction; an emoji nobody uses any more disappears.
    static func setReaction(_ message: inout CachedMessage, user: String, emoji: String, on: Bool) {
        var users = message.reactions[emoji] ?? []
        users.removeAll { $0 == user }
        if on { users.append(user) }
        message.reactions[emoji] = users.isEmpty ? nil : users
    }
}
