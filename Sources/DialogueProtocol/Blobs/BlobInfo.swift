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
