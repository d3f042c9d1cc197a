import DialogueProtocol
import Foundation

extension EventData {
    /// The form kept in the log: bodies replaced by ids, filled in again when the event is read.
    var storedForm: EventData {
        var copy = self
        if let message = copy.message {
            copy.messageId = message.id
            copy.conversationId = copy.conversationId ?? message.conversationId
            copy.message = nil
        }
        if let reaction = copy.reaction {
            copy.reactionId = reaction.id
            copy.reaction = nil
        }
        if let user = copy.user {
            copy.userId = user.id
            copy.user = nil
        }
        return copy
    }

    /// The live form: bodies plus the ids a replayed event carries, so both have one shape.
    var withReferences: EventData {
        var copy = self
        if let message { copy.messageId = message.id }
        if let reaction { copy.reactionId = reaction.id }
        if let user { copy.userId = user.id }
        return copy
    }

    /// What both stores write for one appended event: the log's text (references only, so later
    /// deletes leave no copy behind), and the live form with its wire JSON, made once for every
    /// recipient.
    func encodedForms() throws -> (stored: String, live: EventData, encodedLive: String) {
        let encoder = WireCoding.encoder()
        let stored = String(decoding: try encoder.encode(storedForm), as: UTF8.self)
        let live = withReferences
        return (stored, live, String(decoding: try encoder.encode(live), as: UTF8.self))
    }
}
