import DialogueCrypto
import DialogueStore
import Foundation

/// The stored form: one flat object with a `kind`, as the outbox has always written it.
extension OutboxIntent: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, conversationId, messageId, eventId, text, replyTo, emoji, on, attachment
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let conversationId = try container.decode(String.self, forKey: .conversationId)
        let messageId = try container.decode(String.self, forKey: .messageId)
        // Items of the first versions could lack an event id; a fresh one is as good a retry key
        // from here on.
        let eventId = try container.decodeIfPresent(String.self, forKey: .eventId) ?? EventID.random().hex
        let text = try container.decodeIfPresent(String.self, forKey: .text) ?? ""
        switch try container.decode(String.self, forKey: .kind) {
        case "send":
            self = .send(
                conversationId: conversationId, messageId: messageId, text: text,
                replyTo: try container.decodeIfPresent(String.self, forKey: .replyTo),
                attachment: try container.decodeIfPresent(CachedAttachment.self, forKey: .attachment))
        case "edit":
            self = .edit(conversationId: conversationId, messageId: messageId, eventId: eventId, text: text)
        case "delete":
            self = .delete(conversationId: conversationId, messageId: messageId, eventId: eventId)
        case "react":
            self = .react(
                conversationId: conversationId, messageId: messageId, eventId: eventId,
                emoji: try container.decodeIfPresent(String.self, forKey: .emoji) ?? "",
                on: try container.decodeIfPresent(Bool.self, forKey: .on) ?? true)
        case "markRead":
            self = .markRead(conversationId: conversationId, upTo: messageId)
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "Unknown outbox kind \(other)")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(conversationId, forKey: .conversationId)
        switch self {
        case .send(_, let messageId, let text, let replyTo, let attachment):
            try container.encode(messageId, forKey: .messageId)
            try container.encode(text, forKey: .text)
            try container.encodeIfPresent(replyTo, forKey: .replyTo)
            try container.encodeIfPresent(attachment, forKey: .attachment)
        case .edit(_, let messageId, let eventId, let text):
            try container.encode(messageId, forKey: .messageId)
            try container.encode(eventId, forKey: .eventId)
            try container.encode(text, forKey: .text)
        case .delete(_, let messageId, let eventId):
            try container.encode(messageId, forKey: .messageId)
            try container.encode(eventId, forKey: .eventId)
        case .react(_, let messageId, let eventId, let emoji, let on):
            try container.encode(messageId, forKey: .messageId)
            try container.encode(eventId, forKey: .eventId)
            try container.encode(emoji, forKey: .emoji)
            try container.encode(on, forKey: .on)
        case .markRead(_, let upTo):
            try container.encode(upTo, forKey: .messageId)
        }
    }
}
