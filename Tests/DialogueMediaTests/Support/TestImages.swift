import CGD

/// Source images made at test time with libgd itself, plus hand-built metadata and headers.
enum TestImages {
    /// A JPEG of `width`x`height`: the left half red, the right half blue.
    static func jpeg(width: Int, height: Int) -> [UInt8] {
        let image = gdImageCreateTrueColor(Int32(width), Int32(height))!
        defer { gdImageDestroy(image) }
        let red = gdImageColorAllocate(image, 220, 20, 20)
        let blue = gdImageColorAllocate(image, 20, 20, 220)
        gdImageFilledRectangle(image, 0, 0, Int32(width / 2 - 1), Int32(height - 1), red)
        gdImageFilledRectangle(image, Int32(width / 2), 0, Int32(width - 1), Int32(height - 1), blue)
        return encoded { gdImageJpegPtr(image, $0, 90) }
    }

    /// A true-colour PNG whose top half is opaque green and bottom half fully transparent.
    static func transparentPNG(width: Int, height: Int) -> [UInt8] {
        let image = gdImageCreateTrueColor(Int32(width), Int32(height))!
        defer { gdImageDestroy(image) }
        gdImageAlphaBlending(image, 0)
        gdImageSaveAlpha(image, 1)
        let green = gdImageColorAllocateAlpha(image, 10, 200, 10, 0)
        let clear = gdImageColorAllocateAlpha(image, 0, 0, 0, 127)
        gdImageFilledRectangle(image, 0, 0, Int32(width - 1), Int32(height / 2 - 1), green)
        gdImageFilledRectangle(image, 0, Int32(height / 2), Int32(width - 1), Int32(height - 1), clear)
        return encoded { gdImagePngPtr(image, $0) }
    }

    /// `jpeg(width:height:)`'s picture as WebP: lossy (`quality` 0…100) or lossless (`nil`).
    static func webp(width: Int, height: Int, quality: Int?) -> [UInt8] {
        let image = gdImageCreateTrueColor(Int32(width), Int32(height))!
        defer { gdImageDestroy(image) }
        gdImageFilledRectangle(
            image, 0, 0, Int32(width - 1), Int32(height - 1), gdImageColorAllocate(image, 9, 99, 199))
        return encoded { gdImageWebpPtrEx(image, $0, Int32(quality ?? 101)) }  // 101 is gdWebpLossless
    }

    /// `transparentPNG(width:height:)`'s picture as lossy WebP with an alpha channel.
    static func transparentWebP(width: Int, height: Int) -> [UInt8] {
        let png = transparentPNG(width: width, height: height)
        let image = png.withUnsafeBytes {
            gdImageCreateFromPngPtr(Int32($0.count), UnsafeMutableRawPointer(mutating: $0.baseAddress))!
        }
        defer { gdImageDestroy(image) }
        gdImageSaveAlpha(image, 1)
        return encoded { gdImageWebpPtrEx(image, $0, 80) }
    }

    /// A palette GIF of one colour.
    static func gif(width: Int, height: Int) -> [UInt8] {
        let image = gdImageCreate(Int32(width), Int32(height))!
        defer { gdImageDestroy(image) }
        _ = gdImageColorAllocate(image, 200, 200, 0)
        return encoded { gdImageGifPtr(image, $0) }
    }

    /// `jpeg` with an EXIF APP1 segment (orientation and an ImageDescription carrying `marker`)
    /// and a comment segment carrying `marker` inserted after SOI.
    static func withMetadata(_ jpeg: [UInt8], orientation: Int, marker: String) -> [UInt8] {
        let text = Array(marker.utf8) + [0]
        let entryCount = 2
        var tiff: [UInt8] = Array("MM".utf8) + [0x00, 0x2A] + be32(8)
        tiff += be16(entryCount)
        tiff += be16(0x010E) + be16(2) + be32(text.count) + be32(8 + 2 + 12 * entryCount + 4)
        tiff += be16(0x0112) + be16(3) + be32(1) + be16(orientation) + [0, 0]
        tiff += be32(0)
        tiff += text
        let exif = Array("Exif".utf8) + [0, 0] + tiff
        let app1 = [0xFF, 0xE1] + be16(exif.count + 2) + exif
        let comment = [0xFF, 0xFE] + be16(text.count + 2) + text
        return Array(jpeg[..<2]) + app1 + comment + Array(jpeg[2...])
    }

    /// A PNG signature and an IHDR declaring `width`x`height`, then IEND: no pixel data at all.
    static func pngHeader(width: Int, height: Int) -> [UInt8] {
        let ihdr = be32(width) + be32(height) + [8, 6, 0, 0, 0]
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        return signature + be32(13) + Array("IHDR".utf8) + ihdr + [0, 0, 0, 0] + be32(0) + Array("IEND".utf8)
            + [0xAE, 0x42, 0x60, 0x82]
    }

    /// A JPEG whose frame header declares `width`x`height`, followed by EOI.
    static func jpegHeader(width: Int, height: Int) -> [UInt8] {
        let frame: [UInt8] = [8] + be16(height) + be16(width) + [1, 1, 0x11, 0]
        return [0xFF, 0xD8, 0xFF, 0xC0] + be16(frame.count + 2) + frame + [0xFF, 0xD9]
    }

    /// A WebP whose extended header declares a `width`x`height` canvas.
    static func webpHeader(width: Int, height: Int) -> [UInt8] {
        let vp8x: [UInt8] = [0, 0, 0, 0] + le24(width - 1) + le24(height - 1)
        let body = Array("WEBP".utf8) + Array("VP8X".utf8) + le32(vp8x.count) + vp8x
        return Array("RIFF".utf8) + le32(body.count) + body
    }

    // MARK: Byte helpers

    private static func encoded(_ encode: (UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer?) -> [UInt8] {
        var size: Int32 = 0
        let buffer = encode(&size)!
        defer { gdFree(buffer) }
        return Array(UnsafeRawBufferPointer(start: buffer, count: Int(size)))
    }

    static func be16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
    static func be32(_ value: Int) -> [UInt8] { be16(value >> 16) + be16(value & 0xFFFF) }
    static func le24(_ value: Int) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF)]
    }
    static func le32(_ value: Int) -> [UInt8] { le24(value) + [UInt8(value >> 24 & 0xFF)] }
}
