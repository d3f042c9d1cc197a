/// `users.list`: List people, with presence and unread counts.
package struct UsersListRequest: LocalRequest {
    package typealias Response = [UserView]
    package static let method = "users.list"
    package static let summary = "List people, with presence and unread counts."

    package var query: String?

    package init(query: String? = nil) {
        self.query = query
    }
}
