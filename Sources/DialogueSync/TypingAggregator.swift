/// Who is typing where, from other people's typing frames; an indicator whose `stop` never
/// comes (a peer that vanished) expires after `expiry` seconds.
public struct TypingAggregator: Sendable {
    public let expiry: Double
    private var typing: [String: [String: Double]] = [:]

    public init(expiry: Double = 6) { self.expiry = expiry }

    /// Records a frame; returns the conversation's new set of typists if it changed.
    public mutating func received(conversationId: String, userId: String, typing isTyping: Bool, now: Double)
        -> [String]?
    {
        let before = users(in: conversationId, now: now)
        if isTyping {
            typing[conversationId, default: [:]][userId] = now + expiry
        } else {
            typing[conversationId]?[userId] = nil
        }
        let after = users(in: conversationId, now: now)
        return before == after ? nil : after
    }

    /// Drops expired indicators; returns the conversations whose set changed, with the new sets.
    public mutating func expire(now: Double) -> [String: [String]] {
        var changed: [String: [String]] = [:]
        for (conversationId, entries) in typing {
            let live = entries.filter { $0.value > now }
            if live.count != entries.count {
                typing[conversationId] = live.isEmpty ? nil : live
                changed[conversationId] = live.keys.sorted()
            }
        }
        return changed
    }

    /// The people typing in a conversation, sorted.
    public func users(in conversationId: String, now: Double) -> [String] {
        (typing[conversationId] ?? [:]).filter { $0.value > now }.keys.sorted()
    }
}
