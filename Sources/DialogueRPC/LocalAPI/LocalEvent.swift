/// A notification the daemon pushes after `events.subscribe`, typed: the case is the event type
/// (the notification's `method`), the associated value its params.
package enum LocalEvent: Sendable, Equatable {
    case messageNew(MessageView)
    case messageEdited(MessageView)
    case messageDeleted(MessageView)
    case messageReaction(MessageView)
    case messageState(MessageView)
    case messageSeen(MessageView)
    case conversationUpdated(ConversationView)
    case conversationRemoved(ConversationRemovedView)
    case typing(TypingView)
    case presence(PresenceView)
    case connection(ConnectionView)
    case deviceLinked(DeviceLinkedView)
    case deviceLinkExpired(DeviceLinkExpiredView)
    case identityChanged(IdentityChangedView)
    case botToken(BotTokenView)
    case botDone(BotDoneView)

    /// The event's type.
    package var kind: Kind {
        switch self {
        case .messageNew: .messageNew
        case .messageEdited: .messageEdited
        case .messageDeleted: .messageDeleted
        case .messageReaction: .messageReaction
        case .messageState: .messageState
        case .messageSeen: .messageSeen
        case .conversationUpdated: .conversationUpdated
        case .conversationRemoved: .conversationRemoved
        case .typing: .typing
        case .presence: .presence
        case .connection: .connection
        case .deviceLinked: .deviceLinked
        case .deviceLinkExpired: .deviceLinkExpired
        case .identityChanged: .identityChanged
        case .botToken: .botToken
        case .botDone: .botDone
        }
    }

    /// The notification's `method`.
    package var method: String { kind.rawValue }
}
