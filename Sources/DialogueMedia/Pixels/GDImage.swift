import CGD

/// One libgd image, destroyed exactly once; every pixel operation the downscaler needs.
///
/// Not thread-safe and not `Sendable`: it lives inside one `prepare` call.
final class GDImage {
    private let gd: GDLibrary
    private(set) var pointer: GDLibrary.Image

    private init(_ pointer: GDLibrary.Image, gd: GDLibrary) {
        self.pointer = pointer
        self.gd = gd
    }

    deinit { gd.destroy(pointer) }

    var width: Int { Int(pointer.pointee.sx) }
    var height: Int { Int(pointer.pointee.sy) }

    /// Decodes `bytes` (already checked by ``ImageHeader``); GIF gives its first frame.
    ///
    /// - Returns: `nil` when libgd cannot decode the bytes.
    /// - Throws: When libgd cannot be loaded.
    static func decode(_ bytes: [UInt8], format: ImageFormat) throws(MediaError) -> GDImage? {
        let gd = try GDLibrary.get()
        let image = bytes.withUnsafeBytes { raw -> GDLibrary.Image? in
            // libgd takes `void *` but only reads.
            let data = UnsafeMutableRawPointer(mutating: raw.baseAddress)
            let count = Int32(raw.count)
            switch format {
            case .jpeg: return gd.createFromJpegPtr(count, data)
            case .png: return gd.createFromPngPtr(count, data)
            case .gif: return gd.createFromGifPtr(count, data)
            case .webp: return gd.createFromWebpPtr(count, data)
            }
        }
        guard let image else { return nil }
        let decoded = GDImage(image, gd: gd)
        // Palette images (GIF, indexed PNG) become true colour so scaling and alpha behave alike.
        guard decoded.pointer.pointee.trueColor != 0 || gd.paletteToTrueColor(image) != 0 else { return nil }
        return decoded
    }

    /// Whether any pixel is not fully opaque (libgd's alpha: 0 opaque … 127 transparent).
    var hasTransparency: Bool {
        guard let rows = pointer.pointee.tpixels else { return false }
        for y in 0..<height {
            guard let row = rows[y] else { continue }
            for x in 0..<width where row[x] & 0x7F00_0000 != 0 { return true }
        }
        return false
    }

    /// A resampled copy (area-averaging, alpha-weighted), or `nil` when allocation fails.
    func resampled(width newWidth: Int, height newHeight: Int) -> GDImage? {
        guard let target = gd.createTrueColor(Int32(newWidth), Int32(newHeight)) else { return nil }
        gd.alphaBlending(target, 0)
        gd.saveAlpha(target, 1)
        gd.copyResampled(
            target, pointer, 0, 0, 0, 0, Int32(newWidth), Int32(newHeight), Int32(width), Int32(height))
        return GDImage(target, gd: gd)
    }

    /// Turns the pixels upright for `orientation`; returns `false` when allocation fails.
    func apply(_ orientation: ExifOrientation) -> Bool {
        // gd's quarter turns (exact for multiples of 90°) are counter-clockwise.
        switch orientation {
        case .up: return true
        case .upMirrored: gd.flipHorizontal(pointer)
        case .down: gd.flipBoth(pointer)
        case .downMirrored: gd.flipVertical(pointer)
        case .leftMirrored:
            gd.flipHorizontal(pointer)
            return rotate(counterClockwise: 90)
        case .right: return rotate(counterClockwise: 270)
        case .rightMirrored:
            gd.flipHorizontal(pointer)
            return rotate(counterClockwise: 270)
        case .left: return rotate(counterClockwise: 90)
        }
        return true
    }

    private func rotate(counterClockwise degrees: Float) -> Bool {
        guard let rotated = gd.rotateInterpolated(pointer, degrees, 0) else { return false }
        gd.destroy(pointer)
        pointer = rotated
        return true
    }

    /// JPEG at `quality` or PNG with its alpha channel; `nil` when encoding fails.
    func encoded(as format: EncodedFormat, quality: Int) -> [UInt8]? {
        var size: Int32 = 0
        let buffer: UnsafeMutableRawPointer?
        switch format {
        case .jpeg:
            buffer = gd.jpegPtr(pointer, &size, Int32(quality))
        case .png:
            gd.saveAlpha(pointer, 1)
            buffer = gd.pngPtr(pointer, &size)
        }
        guard let buffer else { return nil }
        defer { gd.free(buffer) }
        guard size > 0 else { return nil }
        return Array(UnsafeRawBufferPointer(start: buffer, count: Int(size)))
    }
}
