import DialogueSchema

/// `GET /api/messages/users`.
public struct UsersResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var users: [SidebarUser]

    public init(users: [SidebarUser]) {
        self.success = true
        self.users = users
    }
}

extension UsersResponse: SchemaComponent {
    package static let schemaDescription: String? =
        "Every other user, by name."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "success": .succeeded
    ]
}
