import DialogueProtocol

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
}
