/// What a source file declares about itself, read by walking its structure without decoding pixels,
/// so oversized and truncated files are refused before the image library allocates anything.
struct ImageHeader: Equatable, Sendable {
    var format: ImageFormat
    var width: Int
    var height: Int
    /// The EXIF orientation (1…8); only JPEG's is read, everything else is 1.
    var orientation: ExifOrientation = .up

    /// Reads and checks the header of `bytes`, refusing more than `maximumPixels` declared pixels.
    static func read(_ bytes: [UInt8], maximumPixels: Int) throws(MediaError) -> ImageHeader {
        guard let format = ImageFormat(sniffing: bytes) else {
            throw MediaError(.notAnImage, "the file is not a JPEG, PNG, GIF or WebP image")
        }
        let limit = PixelLimit(maximum: maximumPixels)
        switch format {
        case .jpeg: return try readJPEG(bytes, limit: limit)
        case .png: return try readPNG(bytes, limit: limit)
        case .gif: return try readGIF(bytes, limit: limit)
        case .webp: return try readWebP(bytes, limit: limit)
        }
    }
}
