import DialogueProtocol
import DialogueRPC
import DialogueSync
import Foundation

/// Typing and presence: ephemeral, never stored, relayed over the live connection.
extension AccountSession {
    nonisolated static func now() -> Double { Date().timeIntervalSince1970 }

    /// `typing.update`: debounced into one start and a stop after a quiet second.
    package func typingUpdate(conversationId: String, typing: Bool) async throws(DaemonError) -> EmptyResult {
        _ = try book.record(conversationId)
        await send(live.typed(typing, in: conversationId, now: Self.now()))
        return EmptyResult()
    }

    private func send(_ frames: [ClientFrame]) async {
        guard let sendFrame else { return }
        for frame in frames { await sendFrame(frame) }
    }

    /// Called a few times a second by the live-state service: sends due stops, expires stale typists.
    package func tick() async {
        let (frames, typing) = live.tick(now: Self.now())
        await send(frames)
        for view in typing { await publish(.typing(view)) }
    }

    /// Someone else's typing frame.
    package func received(typing: Bool, userId: String, conversationId: String) async {
        guard userId != me,
            let view = live.received(typing: typing, userId: userId, conversationId: conversationId, now: Self.now())
        else { return }
        await publish(.typing(view))
    }

    /// A presence snapshot or change.
    package func received(presence entries: [PresenceEntry]) async {
        for view in live.received(presence: entries) { await publish(.presence(view)) }
    }

    /// The live connection came up (with a frame sender) or went down (`nil`).
    package func setLiveConnection(_ send: (@Sendable (ClientFrame) async -> Void)?) async {
        sendFrame = send
        if send == nil {
            for view in live.wentOffline() { await publish(.presence(view)) }
        } else {
            wakeOutbox()
            try? await refreshUsers()
            Task { await fetchMissingGroupAvatars() }
        }
    }

    /// Refetches the people on the server (names for conversation titles and notifications).
    func refreshUsers() async throws(DaemonError) {
        let fetched = try await client.users(token: token)
        users = Dictionary(fetched.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        try? await store.setMeta("users", users)
    }

    /// `presence.list`.
    package func presenceList() -> [PresenceView] { live.list }

    /// `users.list`: the people on the server, refreshed when it can be reached; unread counts come
    /// from the direct conversation in the cache, profile pictures from the runtime directory
    /// (downloaded there when missing and the server can be reached).
    package func listUsers(query: String?) async throws(DaemonError) -> [UserView] {
        // Only with a live connection: offline, the cached list answers at once instead of
        // waiting for a connect attempt to fail.
        if sendFrame != nil {
            do throws(DaemonError) {
                try await refreshUsers()
            } catch  where error.code == .offline {
                // The cached list serves offline.
            }
        }
        let needle = query?.lowercased().trimmingCharacters(in: .whitespaces) ?? ""
        let direct = book.directByUser(me: me)
        var list = users.values.filter { user in
            user.id != me && (needle.isEmpty || user.fullname.lowercased().contains(needle))
        }.sorted { $0.fullname.localizedCaseInsensitiveCompare($1.fullname) == .orderedAscending }
        // An e-mail address finds its owner through the server (which lists no addresses); the
        // answer carries the address, since the caller typed it.
        var found: String?
        if needle.contains("@"), sendFrame != nil,
            let person = try? await client.user(email: needle, token: token), person.id != me
        {
            users[person.id] = users[person.id] ?? person
            list.removeAll { $0.id == person.id }
            list.insert(users[person.id] ?? person, at: 0)
            found = person.id
        }
        let avatars = await profileAvatarURLs(Set(list.compactMap(\.avatarBlobId)), download: true)
        return list.map { user in
            let online = live.presence[user.id]
            return UserView(
                id: user.id, fullname: user.fullname, bio: user.bio, online: online?.online ?? user.online,
                lastSeen: (online?.lastSeen ?? user.lastSeen).map(WireDate.string(from:)),
                unread: direct[user.id].map(tally.unread(in:)) ?? 0, conversationId: direct[user.id],
                email: user.id == found ? needle : nil, avatarUrl: user.avatarBlobId.flatMap { avatars[$0] })
        }
    }
}
