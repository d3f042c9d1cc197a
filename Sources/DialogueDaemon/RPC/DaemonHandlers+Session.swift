import DialogueProtocol
import DialogueRPC
import DialogueRPCTransport
import Foundation

/// The methods served by the running account session: conversations, messages, live state, security.
extension DaemonHandlers {
    func registerSessionMethods(on router: RPCRouter) {
        let broadcaster = sessions.broadcaster
        router.register("events.subscribe", params: SubscribeParams.self) { params, context in
            let known = Set(RPCMethods.notifications.map(\.name))
            if let unknown = params.types?.first(where: { !known.contains($0) }) {
                throw RPCError.invalidParams("unknown event type \"\(unknown)\"")
            }
            let id = await broadcaster.subscribe(context.connection, types: params.types)
            return JSONValue.object(["subscription": .string(id)])
        }
        router.register("events.unsubscribe", params: UnsubscribeParams.self) { params, context in
            guard await broadcaster.unsubscribe(params.subscription, connection: context.connection) else {
                throw RPCError(DaemonError(.notFound, "No subscription \(params.subscription) on this connection"))
            }
            return JSONValue.object([:])
        }
        on(router, "daemon.reconnect", NoParams.self) { _ in
            await sessions.reconnectNow()
            return JSONValue.object([:])
        }
        on(router, "account.updateProfile", UpdateProfileParams.self) { params in try await updateProfile(params) }
        on(router, "users.list", QueryParams.self) { params in try await session().listUsers(query: params.query) }
        on(router, "presence.list", NoParams.self) { _ in try await session().presenceList() }

        on(router, "conversations.list", FilterParams.self) { params in
            try await session().listConversations(filter: params.filter)
        }
        on(router, "conversations.open", UserParams.self) { params in
            try await session().openDirect(userId: params.userId)
        }
        on(router, "conversations.createGroup", CreateGroupParams.self) { params in
            try await session().createGroup(
                name: params.name, memberIds: params.memberIds, avatarPath: params.avatarPath)
        }
        on(router, "conversations.addMembers", MembersParams.self) { params in
            try await session().addMembers(params.conversationId, memberIds: params.memberIds)
        }
        on(router, "conversations.removeMember", MemberParams.self) { params in
            try await session().removeMember(params.conversationId, memberId: params.memberId)
        }
        on(router, "conversations.leave", ConversationParams.self) { params in
            try await session().leave(params.conversationId)
        }
        on(router, "conversations.update", UpdateConversationParams.self) { params in
            try await session().updateGroup(params.conversationId, name: params.name, avatarPath: params.avatarPath)
        }
        on(router, "conversations.delete", ConversationParams.self) { params in
            try await session().deleteGroup(params.conversationId)
        }
        router.register("conversations.markRead", params: MarkReadParams.self) { params, context in
            do {
                await broadcaster.setOpenConversation(params.conversationId, connection: context.connection)
                return try await session().markRead(conversationId: params.conversationId, upTo: params.upTo)
            } catch let error as DaemonError {
                throw rpcError(error, in: "conversations.markRead")
            }
        }
        on(router, "conversations.setMuted", MutedParams.self) { params in
            try await session().setMuted(params.conversationId, muted: params.muted)
        }

        on(router, "messages.list", ListParams.self) { params in
            try await session().listMessages(
                conversationId: params.conversationId, before: params.before, limit: params.limit)
        }
        on(router, "messages.send", SendParams.self) { params in
            try await session().send(
                conversationId: params.conversationId, text: params.text, attachmentPath: params.attachmentPath,
                replyTo: params.replyTo)
        }
        on(router, "messages.edit", EditParams.self) { params in
            try await session().edit(messageId: params.messageId, text: params.text)
        }
        on(router, "messages.delete", MessageParams.self) { params in
            try await session().delete(messageId: params.messageId)
        }
        on(router, "messages.react", ReactParams.self) { params in
            try await session().react(messageId: params.messageId, emoji: params.emoji)
        }
        on(router, "messages.search", SearchParams.self) { params in
            try await session().searchMessages(
                query: params.query, scope: params.scope, conversationId: params.conversationId, limit: params.limit)
        }
        on(router, "typing.update", TypingParams.self) { params in
            try await session().typingUpdate(conversationId: params.conversationId, typing: params.typing)
        }
        on(router, "security.safetyNumber", UserParams.self) { params in
            try await session().safetyNumber(userId: params.userId)
        }
        on(router, "security.verify", VerifyParams.self) { params in
            try await session().markVerified(userId: params.userId, number: params.number)
        }
        on(router, "devices.list", NoParams.self) { _ in try await session().devices() }
        on(router, "devices.revoke", DeviceParams.self) { params in try await session().revokeDevice(params.deviceId) }
        on(router, "devices.link", LinkParams.self) { params in try await link(params) }
    }

    func session() async throws(DaemonError) -> AccountSession {
        try await sessions.session()
    }

    /// `account.updateProfile`. A new picture is prepared and uploaded first (a bad file changes
    /// nothing), then named in the same profile update as the name and bio.
    func updateProfile(_ params: UpdateProfileParams) async throws(DaemonError) -> AccountView {
        let store = try await keyStore.store()
        guard var account = try await Self.account(in: store) else {
            throw DaemonError(.notSignedIn, "No account on this daemon yet: sign up or log in")
        }
        var avatarBlobId: String?
        if let path = params.avatarPath { avatarBlobId = try await session().uploadProfileAvatar(path: path) }
        let client = ServerClient(server: account.server, http: http, logger: logger)
        let user = try await client.updateProfile(
            UpdateProfileRequest(fullname: params.fullname, bio: params.bio, avatarBlobId: avatarBlobId),
            token: account.token)
        account.user = user
        _ = try await save(account, in: store)
        return await view(of: account, downloadingAvatar: true)
    }
}
