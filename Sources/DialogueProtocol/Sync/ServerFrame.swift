import DialogueSchema
import Foundation

/// A JSON text frame from the server on `GET /api/ws`.
public enum ServerFrame: Hashable, Sendable {
    /// A logged event, in sequence order, never twice on one connection.
    case event(SyncEvent)
    /// Replay is done; live events follow. `cursor` is the last sequence number sent.
    case ready(cursor: Int64)
    /// The client's cursor is older than the log keeps (or from elsewhere): refetch state,
    /// then continue from `cursor`.
    case resync(cursor: Int64)
    /// Someone else started or stopped typing.
    case typing(conversationId: String, userId: String, typing: Bool)
    /// A snapshot (after `ready`) or a change of who is online.
    case presence([PresenceEntry])
    /// The server refused a frame; the connection stays open unless said otherwise.
    case error(code: String, message: String)
}

extension ServerFrame: Codable {
    private enum CodingKeys: String, CodingKey {
        case op, seq, type, createdAt, data, cursor, conversationId, userId, typing, users, code, message
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let op = try container.decode(String.self, forKey: .op)
        switch op {
        case "event":
            self = .event(
                SyncEvent(
                    seq: try container.decode(Int64.self, forKey: .seq),
                    type: try container.decode(EventType.self, forKey: .type),
                    createdAt: try container.decode(Date.self, forKey: .createdAt),
                    data: try container.decode(EventData.self, forKey: .data)
                )
            )
        case "ready":
            self = .ready(cursor: try container.decode(Int64.self, forKey: .cursor))
        case "resync":
            self = .resync(cursor: try container.decode(Int64.self, forKey: .cursor))
        case "typing":
            self = .typing(
                conversationId: try container.decode(String.self, forKey: .conversationId),
                userId: try container.decode(String.self, forKey: .userId),
                typing: try container.decode(Bool.self, forKey: .typing)
            )
        case "presence":
            self = .presence(try container.decode([PresenceEntry].self, forKey: .users))
        case "error":
            self = .error(
                code: try container.decode(String.self, forKey: .code),
                message: try container.decode(String.self, forKey: .message)
            )
        default:
            throw DecodingError.dataCorruptedError(forKey: .op, in: container, debugDescription: "unknown op \"\(op)\"")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .event(let event):
            try container.encode("event", forKey: .op)
            try container.encode(event.seq, forKey: .seq)
            try container.encode(event.type, forKey: .type)
            try container.encode(event.createdAt, forKey: .createdAt)
            try container.encode(event.data, forKey: .data)
        case .ready(let cursor):
            try container.encode("ready", forKey: .op)
            try container.encode(cursor, forKey: .cursor)
        case .resync(let cursor):
            try container.encode("resync", forKey: .op)
            try container.encode(cursor, forKey: .cursor)
        case .typing(let conversationId, let userId, let typing):
            try container.encode("typing", forKey: .op)
            try container.encode(conversationId, forKey: .conversationId)
            try container.encode(userId, forKey: .userId)
            try container.encode(typing, forKey: .typing)
        case .presence(let users):
            try container.encode("presence", forKey: .op)
            try container.encode(users, forKey: .users)
        case .error(let code, let message):
            try container.encode("error", forKey: .op)
            try container.encode(code, forKey: .code)
            try container.encode(message, forKey: .message)
        }
    }
}

/// Reflected once per `op`, each case a component of its own.
extension ServerFrame: SchemaTaggedUnion {
    package static let schemaDescription: String? = "A JSON text frame the server sends on `GET /api/ws`."
    package static let tagKey = "op"
    package static let tags = [
        SchemaTag("event", name: "EventFrame", "A logged event, in sequence order, never twice on one connection."),
        SchemaTag("ready", name: "ReadyFrame", "Replay is done; live events follow. `cursor` is the last `seq` sent."),
        SchemaTag(
            "resync",
            name: "ResyncFrame",
            "The client's cursor is older than the log keeps (or from elsewhere): refetch state over REST, then "
                + "continue from `cursor`."
        ),
        SchemaTag("typing", name: "TypingFrame", "Someone else started or stopped typing."),
        SchemaTag(
            "presence",
            name: "PresenceFrame",
            "A snapshot of who is online (right after `ready`) or a change of one user's presence."
        ),
        SchemaTag("error", name: "ErrorFrame", "The server refused a frame; the connection stays open."),
    ]
    package static let memberRefinements: [String: SchemaRefinement] = [
        "seq": .minimum(1, "The user's event sequence number (no gaps)."),
        "conversationId": .clientId(),
        "userId": .serverId(),
        "code": "`invalid_frame` or `not_found`.",
    ]
}
