import DialogueProtocol
import DialogueRPC
import DialogueRPCTransport
import Foundation

/// The methods served by the running account session: conversations, messages, live state, security.
extension DaemonHandlers {
    func registerSessionMethods(on router: RPCRouter) {
        let broadcaster = sessions.broadcaster
        router.register(EventsSubscribeRequest.self) { params, context in
            let known = Set(LocalEvent.Kind.allCases.map(\.rawValue))
            if let unknown = params.types?.first(where: { !known.contains($0) }) {
                throw RPCError.invalidParams("unknown event type \"\(unknown)\"")
            }
            let id = await broadcaster.subscribe(context.connection, types: params.types)
            return SubscriptionView(subscription: id)
        }
        router.register(EventsUnsubscribeRequest.self) { params, context in
            guard await broadcaster.unsubscribe(params.subscription, connection: context.connection) else {
                throw RPCError(DaemonError(.notFound, "No subscription \(params.subscription) on this connection"))
            }
            return EmptyResult()
        }
        on(router, DaemonReconnectRequest.self) { _ in
            await sessions.reconnectNow()
            return EmptyResult()
        }
        on(router, AccountUpdateProfileRequest.self) { params in try await updateProfile(params) }
        on(router, UsersListRequest.self) { params in try await UserCommands.list(query: params.query, in: session()) }
        on(router, PresenceListRequest.self) { _ in try await LiveRelay.presenceList(in: session()) }

        on(router, ConversationsListRequest.self) { params in
            try await session().listConversations(filter: params.filter)
        }
        on(router, ConversationsOpenRequest.self) { params in
            try await session().openDirect(userId: params.userId)
        }
        on(router, ConversationsCreateGroupRequest.self) { params in
            try await session().createGroup(
                name: params.name, memberIds: params.memberIds, avatarPath: params.avatarPath)
        }
        on(router, ConversationsAddMembersRequest.self) { params in
            try await session().addMembers(params.conversationId, memberIds: params.memberIds)
        }
        on(router, ConversationsRemoveMemberRequest.self) { params in
            try await session().removeMember(params.conversationId, memberId: params.memberId)
        }
        on(router, ConversationsLeaveRequest.self) { params in
            try await session().leave(params.conversationId)
        }
        on(router, ConversationsUpdateRequest.self) { params in
            try await session().updateGroup(params.conversationId, name: params.name, avatarPath: params.avatarPath)
        }
        on(router, ConversationsDeleteRequest.self) { params in
            try await session().deleteGroup(params.conversationId)
        }
        router.register(ConversationsMarkReadRequest.self) { params, context in
            do {
                await broadcaster.setOpenConversation(params.conversationId, connection: context.connection)
                return try await session().markRead(conversationId: params.conversationId, upTo: params.upTo)
            } catch let error as DaemonError {
                throw rpcError(error, in: "conversations.markRead")
            }
        }
        on(router, ConversationsSetMutedRequest.self) { params in
            try await session().setMuted(params.conversationId, muted: params.muted)
        }

        on(router, MessagesListRequest.self) { params in
            try await session().listMessages(
                conversationId: params.conversationId, before: params.before, limit: params.limit)
        }
        on(router, MessagesSendRequest.self) { params in
            try await session().send(
                conversationId: params.conversationId, text: params.text, attachmentPath: params.attachmentPath,
                replyTo: params.replyTo)
        }
        on(router, MessagesEditRequest.self) { params in
            try await session().edit(messageId: params.messageId, text: params.text)
        }
        on(router, MessagesDeleteRequest.self) { params in
            try await session().delete(messageId: params.messageId)
        }
        on(router, MessagesReactRequest.self) { params in
            try await session().react(messageId: params.messageId, emoji: params.emoji)
        }
        on(router, MessagesSearchRequest.self) { params in
            try await session().searchMessages(
                query: params.query, scope: params.scope, conversationId: params.conversationId, limit: params.limit)
        }
        on(router, TypingUpdateRequest.self) { params in
            try await LiveRelay.typingUpdate(
                conversationId: params.conversationId, typing: params.typing, in: session())
        }
        on(router, SecuritySafetyNumberRequest.self) { params in
            try await SecurityCommands.safetyNumber(userId: params.userId, in: session())
        }
        on(router, SecurityVerifyRequest.self) { params in
            try await SecurityCommands.verify(userId: params.userId, number: params.number, in: session())
        }
        on(router, DevicesListRequest.self) { _ in try await DeviceCommands.list(in: session()) }
        on(router, DevicesRevokeRequest.self) { params in
            try await DeviceCommands.revoke(params.deviceId, in: session())
        }
        on(router, DevicesLinkRequest.self) { params in try await link(params) }
    }

    func session() async throws(DaemonError) -> AccountSession {
        try await sessions.session()
    }

    /// `account.updateProfile`. A new picture is prepared and uploaded first (a bad file changes
    /// nothing), then named in the same profile update as the name and bio.
    func updateProfile(_ params: AccountUpdateProfileRequest) async throws(DaemonError) -> AccountView {
        let store = try await keyStore.store()
        guard var account = try await Self.account(in: store) else {
            throw DaemonError(.notSignedIn, "No account on this daemon yet: sign up or log in")
        }
        var avatarBlobId: String?
        if let path = params.avatarPath {
            avatarBlobId = try await AvatarTransfers.uploadProfileAvatar(path: path, in: session())
        }
        let client = ServerClient(server: account.server, http: http, logger: logger)
        let user = try await client.updateProfile(
            UpdateProfileRequest(fullname: params.fullname, bio: params.bio, avatarBlobId: avatarBlobId),
            token: account.token)
        account.user = user
        _ = try await save(account, in: store)
        return await view(of: account, downloadingAvatar: true)
    }
}
