import DialogueSchema

/// An uploaded encrypted blob: its id, padded size and SHA-256 (lowercase hex).
public struct BlobInfo: Codable, Hashable, Sendable {
    public var id: String
    public var size: Int
    public var sha256: String

    public init(id: String, size: Int, sha256: String) {
        self.id = id
        self.size = size
        self.sha256 = sha256
    }
}

extension BlobInfo: SchemaComponent {
    package static let schemaDescription: String? =
        "An uploaded encrypted blob."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "id": .serverId(),
        "size": .minimum(1, "Bytes stored (clients pad before encrypting)."),
        "sha256": SchemaRefinement(
            nil, SchemaAnnotations("SHA-256 of the stored bytes, lowercase hex.", pattern: "^[0-9a-f]{64}$")),
    ]
}
