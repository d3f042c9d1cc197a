import DialogueSchema

/// `POST /api/blobs`.
public struct BlobResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var blob: BlobInfo

    public init(blob: BlobInfo) {
        self.success = true
        self.blob = blob
    }
}

extension BlobResponse: SchemaComponent {
    package static let schemaDescription: String? =
        "The stored blob."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "success": .succeeded
    ]
}
