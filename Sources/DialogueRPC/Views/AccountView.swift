/// The account object of `account.me`, `account.signup`, `account.login` and `daemon.status`.
package struct AccountView: Codable, Equatable, Sendable {
    package var id: String
    package var email: String
    package var fullname: String
    package var bio: String
    /// The profile picture: a `file://` URL of a copy in the runtime directory; absent without one.
    package var avatarUrl: String?
    /// The server the account lives on.
    package var server: String
    /// `true` while this device is signed in but holds no keys for the account: its keys are on
    /// another device, and `devices.link` links this one. Absent otherwise.
    package var needsLink: Bool?

    package init(id: String, email: String, fullname: String, bio: String, avatarUrl: String? = nil, server: String) {
        self.id = id
        self.email = email
        self.fullname = fullname
        self.bio = bio
        self.avatarUrl = avatarUrl
        self.server = server
    }
}
