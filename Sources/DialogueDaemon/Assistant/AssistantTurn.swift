import Foundation

/// One turn of the assistant conversation as kept, sealed, in the cache.
struct AssistantTurn: Codable, Equatable, Sendable {
    enum Role: String, Codable, Sendable {
        case user
        case assistant
    }

    var role: Role
    var text: String
    var createdAt: Date
}
