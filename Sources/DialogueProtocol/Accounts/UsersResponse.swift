/// `GET /api/messages/users`.
public struct UsersResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var users: [SidebarUser]

    public init(users: [SidebarUser]) {
        self.success = true
        self.users = users
    }
}
