import DialogueSchema
import Foundation

/// The formats every wire type shares, each named once in a document and referred to from every
/// member that has it: dates as ``WireCoding`` writes them, and the two kinds of id (plain Swift
/// strings, so their types name them in ``SchemaComponent/memberRefinements``).
package enum WireSchema {
    /// An id a client generates (8 to 64 of `[A-Za-z0-9_-]`).
    package static let clientId = Schema.reference("ClientId")
    /// An id the server assigns (32 lowercase hex digits).
    package static let serverId = Schema.reference("ServerId")

    /// A catalog that knows the shared formats, ready for the wire types to be added.
    package static func catalog() -> SchemaCatalog {
        let catalog = SchemaCatalog()
        catalog.define(
            Date.self,
            as: "Timestamp",
            Schema.string().annotated(
                SchemaAnnotations(
                    "RFC 3339 in UTC with milliseconds, e.g. `2026-11-26T23:24:21.123Z`. "
                        + "Input without fractional seconds is accepted.",
                    format: "date-time",
                    examples: ["2026-11-26T23:24:21.123Z"]
                )
            )
        )
        catalog.define(
            "ClientId",
            Schema.string().annotated(
                SchemaAnnotations(
                    "An id the client generates (conversation, message, event and device ids): 8 to 64 "
                        + "characters of A-Z, a-z, 0-9, - and _. Retrying with the same id is idempotent.",
                    pattern: "^[A-Za-z0-9_-]{8,64}$"
                )
            )
        )
        catalog.define(
            "ServerId",
            Schema.string().annotated(
                SchemaAnnotations(
                    "An id the server assigns (users, blobs, mailbox items): 48 bits of milliseconds then "
                        + "80 random bits, as 32 lowercase hex digits, so ids sort by creation time.",
                    pattern: "^[0-9a-f]{32}$"
                )
            )
        )
        return catalog
    }
}
