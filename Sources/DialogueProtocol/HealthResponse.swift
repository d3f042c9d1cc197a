import DialogueSchema

/// `GET /api/health`.
public struct HealthResponse: Codable, Hashable, Sendable {
    public var status: String
    public var version: String
    public var store: String

    public init(status: String, version: String, store: String) {
        self.status = status
        self.version = version
        self.store = store
    }
}

extension HealthResponse: SchemaComponent {
    package static let schemaDescription: String? =
        "`GET /api/health`."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "status": SchemaRefinement(.string(values: ["ok"])),
        "version": "The server's product version.",
        "store": "The storage engine, e.g. `sqlite`.",
    ]
}
