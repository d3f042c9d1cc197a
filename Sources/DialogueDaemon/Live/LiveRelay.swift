import DialogueProtocol
import DialogueRPC
import DialogueSync
import Foundation

/// Typing and presence between ``LiveState`` and the live connection: ephemeral, never stored.
/// Frames go out through the session's frame sender while there is a connection; what changes
/// reaches front ends as `typing` and `presence` notifications.
enum LiveRelay {
    static func now() -> Double { Date().timeIntervalSince1970 }

    /// `typing.update`: debounced into one start and a stop after a quiet second.
    static func typingUpdate(conversationId: String, typing: Bool, in session: isolated AccountSession)
        async throws(DaemonError) -> EmptyResult
    {
        _ = try session.book.record(conversationId)
        await send(session.live.typed(typing, in: conversationId, now: now()), in: session)
        return EmptyResult()
    }

    private static func send(_ frames: [ClientFrame], in session: isolated AccountSession) async {
        guard let sendFrame = session.sendFrame else { return }
        for frame in frames { await sendFrame(frame) }
    }

    /// Called a few times a second by the live-state service: sends due stops, expires stale typists.
    static func tick(in session: isolated AccountSession) async {
        let (frames, typing) = session.live.tick(now: now())
        await send(frames, in: session)
        for view in typing { await session.publish(.typing(view)) }
    }

    /// Someone else's typing frame.
    static func received(
        typing: Bool, userId: String, conversationId: String, in session: isolated AccountSession
    ) async {
        guard userId != session.me,
            let view = session.live.received(
                typing: typing, userId: userId, conversationId: conversationId, now: now())
        else { return }
        await session.publish(.typing(view))
    }

    /// A presence snapshot or change.
    static func received(presence entries: [PresenceEntry], in session: isolated AccountSession) async {
        for view in session.live.received(presence: entries) { await session.publish(.presence(view)) }
    }

    /// The live connection came up (with a frame sender) or went down (`nil`). Coming up wakes
    /// what waited for the server: the outbox, the names, the group avatars.
    static func setConnection(
        _ send: (@Sendable (ClientFrame) async -> Void)?, in session: isolated AccountSession
    ) async {
        session.sendFrame = send
        if send == nil {
            for view in session.live.wentOffline() { await session.publish(.presence(view)) }
        } else {
            session.wakeOutbox()
            try? await UserCommands.refreshUsers(in: session)
            Task { await AvatarTransfers.fetchMissingGroupAvatars(in: session) }
        }
    }

    /// `presence.list`.
    static func presenceList(in session: isolated AccountSession) -> [PresenceView] { session.live.list }
}
