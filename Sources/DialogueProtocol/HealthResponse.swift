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
