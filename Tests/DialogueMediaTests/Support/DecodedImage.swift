import CGD

/// An encoded test output decoded again with libgd, to look at its pixels.
final class DecodedImage {
    private let image: gdImagePtr

    init?(_ bytes: [UInt8], mimeType: String) {
        let decoded = bytes.withUnsafeBytes { raw -> gdImagePtr? in
            let data = UnsafeMutableRawPointer(mutating: raw.baseAddress)
            return mimeType == "image/png"
                ? gdImageCreateFromPngPtr(Int32(raw.count), data) : gdImageCreateFromJpegPtr(Int32(raw.count), data)
        }
        guard let decoded else { return nil }
        image = decoded
    }

    deinit { gdImageDestroy(image) }

    var width: Int { Int(image.pointee.sx) }
    var height: Int { Int(image.pointee.sy) }

    /// Red, green, blue (0…255) and libgd alpha (0 opaque … 127 transparent).
    func pixel(x: Int, y: Int) -> (red: Int, green: Int, blue: Int, alpha: Int) {
        let value = Int(gdImageGetTrueColorPixel(image, Int32(x), Int32(y)))
        return (value >> 16 & 0xFF, value >> 8 & 0xFF, value & 0xFF, value >> 24 & 0x7F)
    }
}
