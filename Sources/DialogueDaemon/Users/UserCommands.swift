import DialogueProtocol
import DialogueRPC
import Foundation

/// The people on the server: their names (for conversation titles and notifications), the
/// `users.list` method, and finding someone by e-mail address.
enum UserCommands {
    /// Refetches the people on the server and keeps them in the cache.
    static func refreshUsers(in session: isolated AccountSession) async throws(DaemonError) {
        let fetched = try await DaemonError.converting { try await session.client.users(token: session.token) }
        session.users = Dictionary(fetched.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        try? await session.store.setMeta("users", session.users)
    }

    /// `users.list`: the people on the server, refreshed when it can be reached; unread counts come
    /// from the direct conversation in the cache, profile pictures from the runtime directory
    /// (downloaded there when missing and the server can be reached).
    static func list(query: String?, in session: isolated AccountSession) async throws(DaemonError) -> [UserView] {
        // Only with a live connection: offline, the cached list answers at once instead of
        // waiting for a connect attempt to fail.
        if session.sendFrame != nil {
            do throws(DaemonError) {
                try await refreshUsers(in: session)
            } catch  where error.code == .offline {
                // The cached list serves offline.
            }
        }
        let me = session.me
        let needle = query?.lowercased().trimmingCharacters(in: .whitespaces) ?? ""
        let direct = session.book.directByUser(me: me)
        var list = session.users.values.filter { user in
            user.id != me && (needle.isEmpty || user.fullname.lowercased().contains(needle))
        }.sorted { $0.fullname.localizedCaseInsensitiveCompare($1.fullname) == .orderedAscending }
        // An e-mail address finds its owner through the server (which lists no addresses); the
        // answer carries the address, since the caller typed it.
        var found: String?
        if needle.contains("@"), session.sendFrame != nil,
            let person = try? await session.client.user(email: needle, token: session.token), person.id != me
        {
            session.users[person.id] = session.users[person.id] ?? person
            list.removeAll { $0.id == person.id }
            list.insert(session.users[person.id] ?? person, at: 0)
            found = person.id
        }
        let avatars = await AvatarTransfers.profileAvatarURLs(
            Set(list.compactMap(\.avatarBlobId)), download: true, in: session)
        return list.map { user in
            let online = session.live.presence[user.id]
            return UserView(
                id: user.id, fullname: user.fullname, bio: user.bio, online: online?.online ?? user.online,
                lastSeen: (online?.lastSeen ?? user.lastSeen).map(WireDate.string(from:)),
                unread: direct[user.id].map { session.tally.unread(in: $0) } ?? 0, conversationId: direct[user.id],
                email: user.id == found ? needle : nil, avatarUrl: user.avatarBlobId.flatMap { avatars[$0] })
        }
    }
}
