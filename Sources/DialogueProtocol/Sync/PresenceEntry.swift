import DialogueSchema
import Foundation

/// Whether a user is connected now, and when they were last.
public struct PresenceEntry: Codable, Hashable, Sendable {
    public var userId: String
    public var online: Bool
    public var lastSeen: Date?

    public init(userId: String, online: Bool, lastSeen: Date?) {
        self.userId = userId
        self.online = online
        self.lastSeen = lastSeen
    }
}

extension PresenceEntry: SchemaComponent {
    package static let schemaDescription: String? =
        "Whether a user is connected now, and when they were last."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "userId": .serverId(),
        "lastSeen": "Set when the user just went offline.",
    ]
}
