/// `POST /api/blobs`.
public struct BlobResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var blob: BlobInfo

    public init(blob: BlobInfo) {
        self.success = true
        self.blob = blob
    }
}
