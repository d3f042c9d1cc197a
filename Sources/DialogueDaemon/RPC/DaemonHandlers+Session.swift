import DialogueProtocol
import DialogueRPC
import DialogueRPCTransport
import DialogueSync
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
            try await ConversationCommands.list(filter: params.filter, in: session())
        }
        on(router, ConversationsOpenRequest.self) { params in
            try await ConversationCommands.openDirect(userId: params.userId, in: session())
        }
        on(router, ConversationsCreateGroupRequest.self) { params in
            try await ConversationCommands.createGroup(
                name: params.name, memberIds: params.memberIds, avatarPath: params.avatarPath, in: session())
        }
        on(router, ConversationsAddMembersRequest.self) { params in
            try await ConversationCommands.addMembers(params.conversationId, memberIds: params.memberIds, in: session())
        }
        on(router, ConversationsRemoveMemberRequest.self) { params in
            try await ConversationCommands.removeMember(params.conversationId, memberId: params.memberId, in: session())
        }
        on(router, ConversationsLeaveRequest.self) { params in
            try await ConversationCommands.leave(params.conversationId, in: session())
        }
        on(router, ConversationsUpdateRequest.self) { params in
            try await ConversationCommands.updateGroup(
                params.conversationId, name: params.name, avatarPath: params.avatarPath, in: session())
        }
        on(router, ConversationsDeleteRequest.self) { params in
            try await ConversationCommands.deleteGroup(params.conversationId, in: session())
        }
        router.register(ConversationsMarkReadRequest.self) { params, context in
            do {
                await broadcaster.setOpenConversation(params.conversationId, connection: context.connection)
                return try await MessageCommands.markRead(
                    conversationId: params.conversationId, upTo: params.upTo, in: session())
            } catch let error as DaemonError {
                throw rpcError(error, in: "conversations.markRead")
            }
        }
        on(router, ConversationsSetMutedRequest.self) { params in
            try await ConversationCommands.setMuted(params.conversationId, muted: params.muted, in: session())
        }

        on(router, MessagesListRequest.self) { params in
            try await MessageCommands.list(
                conversationId: params.conversationId, before: params.before, limit: params.limit, in: session())
        }
        on(router, MessagesSendRequest.self) { params in
            try await MessageCommands.send(
                conversationId: params.conversationId, text: params.text, attachmentPath: params.attachmentPath,
                replyTo: params.replyTo, in: session())
        }
        on(router, MessagesEditRequest.self) { params in
            try await MessageCommands.edit(messageId: params.messageId, text: params.text, in: session())
        }
        on(router, MessagesDeleteRequest.self) { params in
            try await MessageCommands.delete(messageId: params.messageId, in: session())
        }
        on(router, MessagesReactRequest.self) { params in
            try await MessageCommands.react(messageId: params.messageId, emoji: params.emoji, in: session())
        }
        on(router, MessagesSearchRequest.self) { params in
            try await MessageCommands.search(
                query: params.query, scope: params.scope, conversationId: params.conversationId, limit: params.limit,
                in: session())
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
        let user = try await DaemonError.converting {
            try await client.updateProfile(
                UpdateProfileRequest(fullname: params.fullname, bio: params.bio, avatarBlobId: avatarBlobId),
                token: account.token)
        }
        account.user = user
        _ = try await save(account, in: store)
        return await view(of: account, downloadingAvatar: true)
    }
}
