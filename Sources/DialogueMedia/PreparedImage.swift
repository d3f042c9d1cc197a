/// An attachment image ready to encrypt: re-encoded (so metadata is gone) and within bounds.
package struct PreparedImage: Equatable, Sendable {
    /// The encoded file, JPEG or PNG.
    package var data: [UInt8]
    /// `image/jpeg` or `image/png`.
    package var mimeType: String
    /// Pixel size as displayed (after applying the EXIF orientation).
    package var width: Int
    package var height: Int

    package init(data: [UInt8], mimeType: String, width: Int, height: Int) {
        self.data = data
        self.mimeType = mimeType
        self.width = width
        self.height = height
    }
}
