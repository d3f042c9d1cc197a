/// The daemon's whole local API: every method of `spec/rpc.md` as a type, in the spec's order.
///
/// `rpc.discover` is generated from this list (see ``LocalAPI/openRPCDocument(version:methods:)``)
/// and a test checks it against the daemon's router, so a method cannot be served without being
/// described or described without being served. To add a method: add its type in `Requests/`, list
/// it here, register its handler by type, and document it in `docs/rpc.md`.
package enum LocalAPI {
    package static let requests: [any LocalRequest.Type] = [
        RPCDiscoverRequest.self,
        DaemonStatusRequest.self,
        DaemonUnlockRequest.self,
        DaemonLockRequest.self,
        DaemonSetPassphraseRequest.self,
        DaemonReconnectRequest.self,
        EventsSubscribeRequest.self,
        EventsUnsubscribeRequest.self,
        AccountSignupRequest.self,
        AccountLoginRequest.self,
        AccountLogoutRequest.self,
        AccountMeRequest.self,
        AccountUpdateProfileRequest.self,
        UsersListRequest.self,
        ConversationsListRequest.self,
        ConversationsOpenRequest.self,
        ConversationsCreateGroupRequest.self,
        ConversationsAddMembersRequest.self,
        ConversationsRemoveMemberRequest.self,
        ConversationsLeaveRequest.self,
        ConversationsUpdateRequest.self,
        ConversationsDeleteRequest.self,
        ConversationsMarkReadRequest.self,
        ConversationsSetMutedRequest.self,
        MessagesListRequest.self,
        MessagesSendRequest.self,
        MessagesEditRequest.self,
        MessagesDeleteRequest.self,
        MessagesReactRequest.self,
        MessagesSearchRequest.self,
        TypingUpdateRequest.self,
        PresenceListRequest.self,
        SecuritySafetyNumberRequest.self,
        SecurityVerifyRequest.self,
        DevicesListRequest.self,
        DevicesRevokeRequest.self,
        DevicesLinkRequest.self,
        BotAskRequest.self,
        BotCancelRequest.self,
        BotHistoryRequest.self,
        BotClearRequest.self,
    ]
}
