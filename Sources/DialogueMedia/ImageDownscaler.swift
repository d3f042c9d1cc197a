/// Prepares an attachment image for upload: refuses anything that is not a sane JPEG, PNG, GIF or
/// WebP, scales it so its longest side is at most `maxSide`, turns it upright, and re-encodes it.
///
/// Re-encoding always happens, even for small images, because that is what strips EXIF (GPS
/// position, camera serial), XMP, ICC profiles and comments: libgd writes none of them back.
///
/// Output format: JPEG stays JPEG (quality 85); PNG and GIF become PNG (they are usually
/// screenshots, diagrams or transparent art, which JPEG would smear); WebP becomes PNG when it has
/// transparent pixels and JPEG otherwise. GIF keeps its first frame only; animated WebP is refused.
/// The EXIF orientation of JPEGs is applied to the pixels; other formats' orientation is ignored.
///
/// Decoding is CPU-bound (tens to a few hundred milliseconds for a large photo) and blocking: call it
/// off the Swift cooperative pool.
package enum ImageDownscaler {
    /// Files above this size are refused unread (the server's request ceiling is 15 MB).
    package static let maximumFileSize = 15 * 1024 * 1024
    /// Declared pixel counts above this are refused before any decoding (a decompression bomb
    /// guard: 50 Mpx is 200 MB of decoded true-colour pixels).
    package static let maximumPixels = 50_000_000
    /// JPEG quality of the re-encoded output.
    package static let jpegQuality = 85

    /// Reads, checks, scales and re-encodes the image at `path`.
    package static func prepare(fileAt path: String, maxSide: Int = 1600) throws(MediaError) -> PreparedImage {
        try prepare(bytes: readFile(at: path), maxSide: maxSide)
    }

    /// The same for bytes already in memory (still subject to ``maximumFileSize``).
    package static func prepare(bytes: [UInt8], maxSide: Int = 1600) throws(MediaError) -> PreparedImage {
        precondition(maxSide > 0, "maxSide must be positive")
        guard bytes.count <= maximumFileSize else { throw fileTooLarge }
        let header = try ImageHeader.read(bytes, maximumPixels: maximumPixels)
        guard var image = try GDImage.decode(bytes, format: header.format) else {
            throw MediaError(.undecodable, "the image data could not be decoded")
        }
        // The decoder's idea of the size is authoritative; it must agree with the checked header.
        guard image.width <= header.width, image.height <= header.height else {
            throw MediaError(.malformed, "the decoded image is larger than its header declares")
        }
        let output: EncodedFormat =
            switch header.format {
            case .jpeg: .jpeg
            case .png, .gif: .png
            case .webp: image.hasTransparency ? .png : .jpeg
            }
        let (width, height) = scaledSize(width: image.width, height: image.height, maxSide: maxSide)
        if width != image.width || height != image.height {
            guard let scaled = image.resampled(width: width, height: height) else { throw outOfMemory }
            image = scaled
        }
        guard image.apply(header.orientation) else { throw outOfMemory }
        guard let data = image.encoded(as: output, quality: jpegQuality) else {
            throw MediaError(.encodingFailed, "the image could not be re-encoded")
        }
        return PreparedImage(data: data, mimeType: output.mimeType, width: image.width, height: image.height)
    }

    /// The size with the longest side at most `maxSide` and the aspect ratio kept (each side ≥ 1).
    static func scaledSize(width: Int, height: Int, maxSide: Int) -> (width: Int, height: Int) {
        let longest = max(width, height)
        guard longest > maxSide else { return (width, height) }
        let scale = { (side: Int) in max(1, (side * maxSide + longest / 2) / longest) }
        return (scale(width), scale(height))
    }

    static var fileTooLarge: MediaError {
        MediaError(.fileTooLarge, "the file is larger than \(maximumFileSize / 1024 / 1024) MB")
    }

    private static var outOfMemory: MediaError {
        MediaError(.encodingFailed, "there was not enough memory to scale the image")
    }
}
