import DialogueSchema
import Foundation

/// One member of a conversation and when they joined (which decides the next admin).
public struct Member: Codable, Hashable, Sendable {
    public var userId: String
    public var role: MemberRole
    public var joinedAt: Date
    /// The op sequence number that added this member; breaks ties between equal join times.
    public var joinedSeq: Int64

    public init(userId: String, role: MemberRole, joinedAt: Date, joinedSeq: Int64) {
        self.userId = userId
        self.role = role
        self.joinedAt = joinedAt
        self.joinedSeq = joinedSeq
    }
}

extension Member: SchemaComponent {
    package static let schemaDescription: String? =
        "One member of a conversation and when they joined (which decides the next admin)."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "userId": .serverId(),
        "joinedSeq": .minimum(
            0, "The op sequence number that added this member; breaks ties between equal join times."),
    ]
}
