import DialogueSchema

// The views' string enums list their values in the schema (reflection cannot invent a valid case).
extension MessageView.State: SchemaDescribing {}
extension ConnectionView.State: SchemaDescribing {}
extension BotTurnView.Role: SchemaDescribing {}

/// A union decoded by hand: the group after a removal, or `{}` after leaving.
extension MemberRemovalResult: SchemaDescribing {
    package static var schema: Schema {
        .oneOf([SchemaReflector.schemaOrAny(of: ConversationView.self), .object([])])
    }
    package static var schemaPlaceholder: MemberRemovalResult { .left }
}
