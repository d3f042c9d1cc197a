import DialogueProtocol
import DialogueRPC
import DialogueSync

/// Typing and presence: ephemeral, never stored. A value owned by the session that turns what
/// happened (a key press, a frame, a tick, the connection dropping) into the frames to send and
/// the notifications to publish, so the session only relays them.
struct LiveState: Sendable {
    private(set) var presence: [String: PresenceEntry] = [:]
    private var typingIn = TypingAggregator()
    private var typingOut: [String: TypingDebouncer] = [:]

    /// This user typed (or stopped) in a conversation: debounced into one start and a stop after
    /// a quiet second.
    mutating func typed(_ typing: Bool, in conversationId: String, now: Double) -> [ClientFrame] {
        var debouncer = typingOut[conversationId] ?? TypingDebouncer()
        let actions = debouncer.update(typing: typing, now: now)
        typingOut[conversationId] = debouncer
        return Self.frames(actions, conversationId: conversationId)
    }

    /// A few times a second: the stops that are due, and the typists that went quiet.
    mutating func tick(now: Double) -> (frames: [ClientFrame], typing: [TypingView]) {
        var frames: [ClientFrame] = []
        for (conversationId, var debouncer) in typingOut {
            let actions = debouncer.tick(now: now)
            typingOut[conversationId] = debouncer
            frames += Self.frames(actions, conversationId: conversationId)
        }
        let typing = typingIn.expire(now: now).map { conversationId, userIds in
            TypingView(conversationId: conversationId, userIds: userIds)
        }
        return (frames, typing)
    }

    /// Someone's typing frame; the conversation's new typist list when it changed.
    mutating func received(typing: Bool, userId: String, conversationId: String, now: Double) -> TypingView? {
        typingIn.received(conversationId: conversationId, userId: userId, typing: typing, now: now).map {
            TypingView(conversationId: conversationId, userIds: $0)
        }
    }

    /// A presence snapshot or change; the entries that changed.
    mutating func received(presence entries: [PresenceEntry]) -> [PresenceView] {
        var changed: [PresenceView] = []
        for entry in entries where presence[entry.userId] != entry {
            presence[entry.userId] = entry
            changed.append(Self.view(entry))
        }
        return changed
    }

    /// The connection dropped: nobody is known to be online while the server cannot be seen.
    mutating func wentOffline() -> [PresenceView] {
        var changed: [PresenceView] = []
        for (id, entry) in presence where entry.online {
            presence[id]?.online = false
            changed.append(Self.view(presence[id] ?? entry))
        }
        return changed
    }

    /// `presence.list`.
    var list: [PresenceView] {
        presence.values.sorted { $0.userId < $1.userId }.map(Self.view)
    }

    static func view(_ entry: PresenceEntry) -> PresenceView {
        PresenceView(userId: entry.userId, online: entry.online, lastSeen: entry.lastSeen.map(WireDate.string(from:)))
    }

    private static func frames(_ actions: [TypingDebouncer.Action], conversationId: String) -> [ClientFrame] {
        actions.map { .typing(conversationId: conversationId, typing: $0 == .sendStart) }
    }
}
