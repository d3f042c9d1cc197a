import DialogueProtocol

extension EventApplier {
    /// Reads what an event asks for. Our own key changes are ignored: this device published them.
    func plan(_ event: SyncEvent) -> EventStep {
        let data = event.data
        switch event.type {
        case .conversationCreated, .conversationUpdated:
            return data.op.map(EventStep.absorb) ?? .ignore
        case .conversationRemoved:
            return data.op.map(EventStep.removed) ?? .ignore
        case .conversationDeleted:
            return data.conversationId.map { .forget(conversationId: $0) } ?? .ignore
        case .messageNew:
            return data.message.map(EventStep.newMessage) ?? .ignore
        case .messageEdited:
            return data.message.map(EventStep.editedMessage) ?? .ignore
        case .messageDeleted:
            return data.message.map(EventStep.deletedMessage) ?? .ignore
        case .messageReaction:
            guard let reaction = data.reaction, let conversationId = data.conversationId else { return .ignore }
            return .reaction(reaction, conversationId: conversationId)
        case .messageSeen:
            return data.receipt.map(EventStep.seen) ?? .ignore
        case .userUpdated:
            return data.user.map(EventStep.userUpdated) ?? .ignore
        case .keysUpdated:
            guard let userId = data.userId, userId != me else { return .ignore }
            return .refreshKeys(userId: userId)
        case .devicePending, .deviceBundle:
            return .ignore
        }
    }

    /// A profile change merged into the sidebar entry (presence and unread counts stay).
    func merged(_ user: User, into existing: SidebarUser?) -> SidebarUser {
        var entry =
            existing
            ?? SidebarUser(
                id: user.id, fullname: user.fullname, bio: user.bio, avatarBlobId: user.avatarBlobId, online: false,
                lastSeen: user.lastSeen, unread: 0, conversationId: nil)
        entry.fullname = user.fullname
        entry.bio = user.bio
        entry.avatarBlobId = user.avatarBlobId
        return entry
    }

    /// The signed envelopes an event carries, for checking their signatures ahead.
    func envelopes(of event: SyncEvent) -> [[UInt8]] {
        switch plan(event) {
        case .newMessage(let message), .editedMessage(let message):
            [message.envelope, message.editEnvelope].compactMap { $0.map { Array($0.data) } }
        case .reaction(let reaction, _):
            [Array(reaction.envelope.data)]
        default:
            []
        }
    }
}
