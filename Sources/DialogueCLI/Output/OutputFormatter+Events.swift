import DialogueRPC

/// Notifications, one line each, for `watch`.
extension OutputFormatter {
    /// `type  summary` for one event.
    func event(_ notification: RPCNotification) -> String {
        let params = notification.params ?? .null
        let type = style.muted(notification.method)
        switch notification.method {
        case let method where method.hasPrefix("message."):
            return type + "  " + message(params)
        case "typing":
            let ids = (params["userIds"]?.arrayValue ?? []).compactMap(\.stringValue)
            let chat = params["conversationId"]?.stringValue ?? "?"
            return type + "  " + Self.typingLine(ids.map { name(of: $0) }) + " " + style.muted("in " + chat)
        case "presence":
            let online = params["online"]?.boolValue ?? false
            return type + "  " + style.ink(name(of: params["userId"]?.stringValue)) + "  "
                + RelativeTime.presence(online: online, lastSeen: params["lastSeen"]?.stringValue, now: now)
        case "connection":
            return type + "  " + (params["state"]?.stringValue ?? "?")
                + (params["lastError"]?.stringValue.map { " · " + $0 } ?? "")
        case "conversation.updated", "conversation.removed":
            return type + "  " + style.ink(params["name"]?.stringValue ?? params["id"]?.stringValue ?? "?")
        case "bot.token":
            return type + "  " + (params["text"]?.stringValue ?? "")
        default:
            return type + "  " + params.serialized()
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
