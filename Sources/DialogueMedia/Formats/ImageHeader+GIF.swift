extension ImageHeader {
    /// Reads the logical screen size (libgd refuses frames larger than it), then walks the blocks
    /// to the trailer so a cut-off file is refused as truncated. Only the first frame is decoded.
    static func readGIF(_ bytes: [UInt8], limit: PixelLimit) throws(MediaError) -> ImageHeader {
        guard let width = bytes.uint16LE(at: 6), let height = bytes.uint16LE(at: 8), bytes.count > 10 else {
            throw truncatedGIF
        }
        try limit.check(width: width, height: height)
        var offset = 13 + colorTableSize(packed: bytes[10])
        var sawImage = false
        while true {
            guard offset < bytes.count else { throw truncatedGIF }
            switch bytes[offset] {
            case 0x3B:
                guard sawImage else { throw MediaError(.malformed, "the GIF has no image") }
                return ImageHeader(format: .gif, width: width, height: height)
            case 0x21:  // extension: introducer, label, sub-blocks
                offset = try skipSubBlocks(bytes, from: offset + 2)
            case 0x2C:  // image descriptor, optional local colour table, LZW code size, sub-blocks
                guard offset + 10 < bytes.count else { throw truncatedGIF }
                offset += 10 + colorTableSize(packed: bytes[offset + 9]) + 1
                offset = try skipSubBlocks(bytes, from: offset)
                sawImage = true
            default:
                throw MediaError(.malformed, "the GIF has an unknown block")
            }
        }
    }

    private static func colorTableSize(packed: UInt8) -> Int {
        packed & 0x80 == 0 ? 0 : 3 << (Int(packed & 0x07) + 1)
    }

    private static func skipSubBlocks(_ bytes: [UInt8], from start: Int) throws(MediaError) -> Int {
        var offset = start
        while true {
            guard offset < bytes.count else { throw truncatedGIF }
            let size = Int(bytes[offset])
            offset += 1 + size
            if size == 0 { return offset }
        }
    }

    private static var truncatedGIF: MediaError { MediaError(.truncated, "the GIF ends before its trailer") }
}
