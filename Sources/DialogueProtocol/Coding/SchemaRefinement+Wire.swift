import DialogueSchema

/// The refinements the wire types repeat: a `String` member that is an id of one kind, and the
/// `success` flag of every successful answer.
extension SchemaRefinement {
    /// An id a client generates (``WireSchema/clientId``).
    package static func clientId(_ description: String? = nil) -> SchemaRefinement {
        SchemaRefinement(WireSchema.clientId, SchemaAnnotations(description))
    }

    /// An id the server assigns (``WireSchema/serverId``).
    package static func serverId(_ description: String? = nil) -> SchemaRefinement {
        SchemaRefinement(WireSchema.serverId, SchemaAnnotations(description))
    }

    /// `success` of an answer that succeeded: always `true`.
    package static let succeeded = SchemaRefinement(.constant(true), "Always `true` on success.")
}
