/// `GET /api/keys/:userId`.
public struct KeyBundleResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var keys: KeyBundle

    public init(keys: KeyBundle) {
        self.success = true
        self.keys = keys
    }
}
