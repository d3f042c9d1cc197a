import DialogueSchema

/// A JSON text frame from a client on `GET /api/ws`.
public enum ClientFrame: Hashable, Sendable {
    /// Start (or resume) the stream after `cursor`, the last sequence number the client stored.
    case hello(cursor: Int64, deviceId: String)
    /// The client has durably stored everything up to `cursor`.
    case ack(cursor: Int64)
    /// The user started or stopped typing in a conversation; relayed to its other members only.
    case typing(conversationId: String, typing: Bool)
}

extension ClientFrame: Codable {
    private enum CodingKeys: String, CodingKey {
        case op, cursor, deviceId, conversationId, typing
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let op = try container.decode(String.self, forKey: .op)
        switch op {
        case "hello":
            self = .hello(
                cursor: try container.decode(Int64.self, forKey: .cursor),
                deviceId: try container.decode(String.self, forKey: .deviceId)
            )
        case "ack":
            self = .ack(cursor: try container.decode(Int64.self, forKey: .cursor))
        case "typing":
            self = .typing(
                conversationId: try container.decode(String.self, forKey: .conversationId),
                typing: try container.decode(Bool.self, forKey: .typing)
            )
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .op,
                in: container,
                debugDescription: "unknown op \"\(op)\" (expected hello, ack or typing)"
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .hello(let cursor, let deviceId):
            try container.encode("hello", forKey: .op)
            try container.encode(cursor, forKey: .cursor)
            try container.encode(deviceId, forKey: .deviceId)
        case .ack(let cursor):
            try container.encode("ack", forKey: .op)
            try container.encode(cursor, forKey: .cursor)
        case .typing(let conversationId, let typing):
            try container.encode("typing", forKey: .op)
            try container.encode(conversationId, forKey: .conversationId)
            try container.encode(typing, forKey: .typing)
        }
    }
}

/// Reflected once per `op`, each case a component of its own.
extension ClientFrame: SchemaTaggedUnion {
    package static let schemaDescription: String? = "A JSON text frame a client sends on `GET /api/ws`."
    package static let tagKey = "op"
    package static let tags = [
        SchemaTag(
            "hello",
            name: "HelloFrame",
            "Start (or resume) the stream after `cursor`, the last event `seq` the client stored (0 for a "
                + "new device); must be the first frame."
        ),
        SchemaTag("ack", name: "AckFrame", "The client has durably stored everything up to `cursor`."),
        SchemaTag(
            "typing",
            name: "ClientTypingFrame",
            "The user started or stopped typing; relayed to the conversation's other members only."
        ),
    ]
    package static let memberRefinements: [String: SchemaRefinement] = [
        "deviceId": .clientId(),
        "conversationId": .clientId(),
    ]
}
