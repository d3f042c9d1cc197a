extension ImageHeader {
    /// Reads IHDR, then walks the chunk list to IEND so a cut-off file is refused as truncated.
    static func readPNG(_ bytes: [UInt8], limit: PixelLimit) throws(MediaError) -> ImageHeader {
        guard let firstLength = bytes.uint32BE(at: 8), let width = bytes.uint32BE(at: 16),
            let height = bytes.uint32BE(at: 20)
        else { throw truncatedPNG }
        guard firstLength == 13, bytes[12..<16].elementsEqual("IHDR".utf8) else {
            throw MediaError(.malformed, "the PNG does not start with an IHDR chunk")
        }
        try limit.check(width: width, height: height)
        var offset = 8
        while true {
            guard let length = bytes.uint32BE(at: offset), offset + 8 <= bytes.count else { throw truncatedPNG }
            guard length <= Int(Int32.max) else { throw MediaError(.malformed, "a PNG chunk is too long") }
            let isEnd = bytes[(offset + 4)..<(offset + 8)].elementsEqual("IEND".utf8)
            offset += 12 + length  // length, type, data, CRC
            guard offset <= bytes.count else { throw truncatedPNG }
            if isEnd { return ImageHeader(format: .png, width: width, height: height) }
        }
    }

    private static var truncatedPNG: MediaError { MediaError(.truncated, "the PNG ends before its IEND chunk") }
}
