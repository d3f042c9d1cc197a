/// Whether a person is online, and when they were last seen.
struct ChatPresence: Sendable, Equatable {
    var online: Bool
    var lastSeen: String?
}
