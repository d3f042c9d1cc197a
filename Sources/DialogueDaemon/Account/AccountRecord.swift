import DialogueProtocol
import DialogueRPC
import Foundation

/// The signed-in account as the cache keeps it (sealed in the meta table under ``metaKey``).
///
/// The token is a bearer secret: it only ever lives sealed on disk and in memory while unlocked.
package struct AccountRecord: Codable, Equatable, Sendable {
    /// The meta key of the ``Slot``.
    static let metaKey = "account"

    /// The server the account lives on.
    package var server: URL
    package var user: User
    package var token: String

    package init(server: URL, user: User, token: String) {
        self.server = server
        self.user = user
        self.token = token
    }

    /// The stored value: an explicit empty slot after logout, since the meta table has no delete.
    struct Slot: Codable, Sendable {
        var account: AccountRecord?
    }

    /// What front ends see: `{id, email, fullname, bio, avatarUrl?, server}`; never the token.
    var view: AccountView {
        AccountView(
            id: user.id, email: user.email, fullname: user.fullname, bio: user.bio, server: server.absoluteString)
    }
}
