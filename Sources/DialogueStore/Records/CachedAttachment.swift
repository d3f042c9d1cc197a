import Foundation

/// What the cache keeps about an attachment: where its ciphertext lives on the server and the key
/// and hash to open it. The row it belongs to is sealed, so none of this is readable on disk.
package struct CachedAttachment: Codable, Hashable, Sendable {
    package var blobId: String
    package var key: Data
    package var sha256: Data
    package var length: Int64
    package var mime: String?
    package var width: Int64?
    package var height: Int64?
    package var name: String?

    package init(
        blobId: String,
        key: Data,
        sha256: Data,
        length: Int64,
        mime: String?,
        width: Int64?,
        height: Int64?,
        name: String?
    ) {
        self.blobId = blobId
        self.key = key
        self.sha256 = sha256
        self.length = length
        self.mime = mime
        self.width = width
        self.height = height
        self.name = name
    }
}
