/// Turns key presses into typing frames: one `start` on the first press, a `stop` once no key
/// has been pressed for `quiet` seconds (the original's 1 s), and a fresh `start` every
/// `refresh` seconds of continuous typing so receivers that expire indicators keep showing it.
public struct TypingDebouncer: Sendable {
    public enum Action: Equatable, Sendable {
        case sendStart
        case sendStop
    }

    public let quiet: Double
    public let refresh: Double
    private var lastPress: Double?
    private var lastStart: Double?

    public init(quiet: Double = 1, refresh: Double = 3) {
        self.quiet = quiet
        self.refresh = refresh
    }

    /// A key was pressed (`typing: true`) or the composer was cleared or sent (`typing: false`).
    public mutating func update(typing: Bool, now: Double) -> [Action] {
        guard typing else {
            let wasTyping = lastPress != nil
            lastPress = nil
            lastStart = nil
            return wasTyping ? [.sendStop] : []
        }
        lastPress = now
        if let lastStart, now - lastStart < refresh { return [] }
        lastStart = now
        return [.sendStart]
    }

    /// Called periodically; stops once the keyboard has been quiet long enough.
    public mutating func tick(now: Double) -> [Action] {
        guard let lastPress, now - lastPress >= quiet else { return [] }
        self.lastPress = nil
        lastStart = nil
        return [.sendStop]
    }

    /// When the next ``tick(now:)`` can change anything.
    public var nextDeadline: Double? { lastPress.map { $0 + quiet } }
}
