/// Between a typed event and the notification that carries it.
extension LocalEvent {
    /// The event's params as JSON.
    ///
    /// - Throws: `EncodingError` only for a value JSON cannot hold (a non-finite number).
    package func params() throws -> JSONValue {
        switch self {
        case .messageNew(let view), .messageEdited(let view), .messageDeleted(let view), .messageReaction(let view),
            .messageState(let view), .messageSeen(let view):
            try JSONValue(encoding: view)
        case .conversationUpdated(let view): try JSONValue(encoding: view)
        case .conversationRemoved(let view): try JSONValue(encoding: view)
        case .typing(let view): try JSONValue(encoding: view)
        case .presence(let view): try JSONValue(encoding: view)
        case .connection(let view): try JSONValue(encoding: view)
        case .deviceLinked(let view): try JSONValue(encoding: view)
        case .deviceLinkExpired(let view): try JSONValue(encoding: view)
        case .identityChanged(let view): try JSONValue(encoding: view)
        case .botToken(let view): try JSONValue(encoding: view)
        case .botDone(let view): try JSONValue(encoding: view)
        }
    }

    /// The event a notification carries; `nil` for a method that is no event type (a newer
    /// daemon's), so a front end can skip what it does not know.
    ///
    /// - Throws: `DecodingError` when the params do not have the event type's shape.
    package init?(_ notification: RPCNotification) throws {
        guard let kind = Kind(rawValue: notification.method) else { return nil }
        let params = notification.params ?? .object([:])
        switch kind {
        case .messageNew: self = .messageNew(try params.decode())
        case .messageEdited: self = .messageEdited(try params.decode())
        case .messageDeleted: self = .messageDeleted(try params.decode())
        case .messageReaction: self = .messageReaction(try params.decode())
        case .messageState: self = .messageState(try params.decode())
        case .messageSeen: self = .messageSeen(try params.decode())
        case .conversationUpdated: self = .conversationUpdated(try params.decode())
        case .conversationRemoved: self = .conversationRemoved(try params.decode())
        case .typing: self = .typing(try params.decode())
        case .presence: self = .presence(try params.decode())
        case .connection: self = .connection(try params.decode())
        case .deviceLinked: self = .deviceLinked(try params.decode())
        case .deviceLinkExpired: self = .deviceLinkExpired(try params.decode())
        case .identityChanged: self = .identityChanged(try params.decode())
        case .botToken: self = .botToken(try params.decode())
        case .botDone: self = .botDone(try params.decode())
        }
    }
}
