extension LocalEvent {
    /// An event type: its name on the wire (`events.subscribe {types}` takes these), what it means,
    /// and the type of its params.
    package enum Kind: String, Sendable, CaseIterable {
        case messageNew = "message.new"
        case messageEdited = "message.edited"
        case messageDeleted = "message.deleted"
        case messageReaction = "message.reaction"
        case messageState = "message.state"
        case messageSeen = "message.seen"
        case conversationUpdated = "conversation.updated"
        case conversationRemoved = "conversation.removed"
        case typing
        case presence
        case connection
        case deviceLinked = "device.linked"
        case deviceLinkExpired = "device.linkExpired"
        case identityChanged = "security.identityChanged"
        case botToken = "bot.token"
        case botDone = "bot.done"

        package var summary: String {
            switch self {
            case .messageNew: "A message arrived or was sent from another device."
            case .messageEdited: "A message's text changed."
            case .messageDeleted: "A message was soft-deleted."
            case .messageReaction: "A message's reactions changed."
            case .messageState: "An outgoing message went from pending to sent or failed."
            case .messageSeen: "A message was seen by its recipients."
            case .conversationUpdated: "A conversation was created or changed."
            case .conversationRemoved: "A conversation was deleted or this account left it."
            case .typing: "The current set of people typing in a conversation."
            case .presence: "A user came online or went offline."
            case .connection: "The server connection changed state."
            case .deviceLinked: "This new device received the account's keys and is syncing its history."
            case .deviceLinkExpired: "The link code this device showed expired unused."
            case .identityChanged: "A contact's identity key changed and must be re-verified."
            case .botToken: "One streamed piece of an assistant answer."
            case .botDone: "The assistant answer is complete (or failed, with error)."
            }
        }

        /// The type of the params this event carries.
        package var payload: any Codable.Type {
            switch self {
            case .messageNew, .messageEdited, .messageDeleted, .messageReaction, .messageState, .messageSeen:
                MessageView.self
            case .conversationUpdated: ConversationView.self
            case .conversationRemoved: ConversationRemovedView.self
            case .typing: TypingView.self
            case .presence: PresenceView.self
            case .connection: ConnectionView.self
            case .deviceLinked: DeviceLinkedView.self
            case .deviceLinkExpired: DeviceLinkExpiredView.self
            case .identityChanged: IdentityChangedView.self
            case .botToken: BotTokenView.self
            case .botDone: BotDoneView.self
            }
        }
    }
}
