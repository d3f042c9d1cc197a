import CGD

/// One libgd image, destroyed exactly once; every pixel operation the downscaler needs.
///
/// Not thread-safe and not `Sendable`: it lives inside one `prepare` call.
final class GDImage {
    private(set) var pointer: gdImagePtr

    private init(_ pointer: gdImagePtr) { self.pointer = pointer }

    deinit { gdImageDestroy(pointer) }

    var width: Int { Int(pointer.pointee.sx) }
    var height: Int { Int(pointer.pointee.sy) }

    /// Decodes `bytes` (already checked by ``ImageHeader``); GIF gives its first frame.
    static func decode(_ bytes: [UInt8], format: ImageFormat) -> GDImage? {
        GDLibrary.prepare()
        let image = bytes.withUnsafeBytes { raw -> gdImagePtr? in
            // libgd takes `void *` but only reads.
            let data = UnsafeMutableRawPointer(mutating: raw.baseAddress)
            let count = Int32(raw.count)
            switch format {
            case .jpeg: return gdImageCreateFromJpegPtr(count, data)
            case .png: return gdImageCreateFromPngPtr(count, data)
            case .gif: return gdImageCreateFromGifPtr(count, data)
            case .webp: return gdImageCreateFromWebpPtr(count, data)
            }
        }
        guard let image else { return nil }
        let decoded = GDImage(image)
        // Palette images (GIF, indexed PNG) become true colour so scaling and alpha behave alike.
        guard decoded.pointer.pointee.trueColor != 0 || gdImagePaletteToTrueColor(image) != 0 else { return nil }
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
        guard let target = gdImageCreateTrueColor(Int32(newWidth), Int32(newHeight)) else { return nil }
        gdImageAlphaBlending(target, 0)
        gdImageSaveAlpha(target, 1)
        gdImageCopyResampled(
            target, pointer, 0, 0, 0, 0, Int32(newWidth), Int32(newHeight), Int32(width), Int32(height))
        return GDImage(target)
    }

    /// Turns the pixels upright for `orientation`; returns `false` when allocation fails.
    func apply(_ orientation: ExifOrientation) -> Bool {
        // gd's quarter turns (exact for multiples of 90°) are counter-clockwise.
        switch orientation {
        case .up: return true
        case .upMirrored: gdImageFlipHorizontal(pointer)
        case .down: gdImageFlipBoth(pointer)
        case .downMirrored: gdImageFlipVertical(pointer)
        case .leftMirrored:
            gdImageFlipHorizontal(pointer)
            return rotate(counterClockwise: 90)
        case .right: return rotate(counterClockwise: 270)
        case .rightMirrored:
            gdImageFlipHorizontal(pointer)
            return rotate(counterClockwise: 270)
        case .left: return rotate(counterClockwise: 90)
        }
        return true
    }

    private func rotate(counterClockwise degrees: Float) -> Bool {
        guard let rotated = gdImageRotateInterpolated(pointer, degrees, 0) else { return false }
        gdImageDestroy(pointer)
        pointer = rotated
        return true
    }

    /// JPEG at `quality` or PNG with its alpha channel; `nil` when encoding fails.
    func encoded(as format: EncodedFormat, quality: Int) -> [UInt8]? {
        var size: Int32 = 0
        let buffer: UnsafeMutableRawPointer?
        switch format {
        case .jpeg:
            buffer = gdImageJpegPtr(pointer, &size, Int32(quality))
        case .png:
            gdImageSaveAlpha(pointer, 1)
            buffer = gdImagePngPtr(pointer, &size)
        }
        guard let buffer else { return nil }
        defer { gdFree(buffer) }
        guard size > 0 else { return nil }
        return Array(UnsafeRawBufferPointer(start: buffer, count: Int(size)))
    }
}
