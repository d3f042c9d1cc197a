import DialogueRPC

/// Notifications, one line each, for `watch`.
extension OutputFormatter {
    /// `type  summary` for one event; a notification this CLI does not know shows as its JSON.
    func event(_ notification: RPCNotification) -> String {
        let type = style.muted(notification.method)
        guard let event = try? LocalEvent(notification) else {
            return type + "  " + (notification.params ?? .null).serialized()
        }
        switch event {
        case .messageNew(let view), .messageEdited(let view), .messageDeleted(let view), .messageReaction(let view),
            .messageState(let view), .messageSeen(let view):
            return type + "  " + message(view)
        case .typing(let typing):
            return type + "  " + Self.typingLine(typing.userIds.map { name(of: $0) }) + " "
                + style.muted("in " + typing.conversationId)
        case .presence(let presence):
            return type + "  " + style.ink(name(of: presence.userId)) + "  "
                + RelativeTime.presence(online: presence.online, lastSeen: presence.lastSeen, now: now)
        case .connection(let connection):
            return type + "  " + connection.state.rawValue + (connection.lastError.map { " · " + $0 } ?? "")
        case .conversationUpdated(let conversation):
            return type + "  " + style.ink(conversation.name)
        case .conversationRemoved(let removed):
            return type + "  " + style.ink(removed.id)
        case .botToken(let token):
            return type + "  " + token.text
        case .deviceLinked, .deviceLinkExpired, .identityChanged, .botDone:
            return type + "  " + (notification.params ?? .null).serialized()
        }
    }

    /// "A is typing...", "A, B are typing...", "" for nobody.
    static func typingLine(_ names: [String]) -> String {
        switch names.count {
        case 0: return "nobody is typing"
        case 1: return "\(names[0]) is typing..."
        default: return names.joined(separator: ", ") + " are typing..."
        }
    }
}
