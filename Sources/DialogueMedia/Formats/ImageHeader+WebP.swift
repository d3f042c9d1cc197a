extension ImageHeader {
    /// Reads the canvas size from the first chunk (VP8X, VP8L or VP8) and checks the RIFF length
    /// against the file so a cut-off file is refused as truncated. Animated WebP is refused.
    static func readWebP(_ bytes: [UInt8], limit: PixelLimit) throws(MediaError) -> ImageHeader {
        guard let riffLength = bytes.uint32LE(at: 4), let chunkLength = bytes.uint32LE(at: 16) else {
            throw truncatedWebP
        }
        guard 8 + riffLength <= bytes.count, 20 + chunkLength <= bytes.count else { throw truncatedWebP }
        let chunk = String(decoding: bytes[12..<16], as: UTF8.self)
        let width: Int
        let height: Int
        switch chunk {
        case "VP8X":
            guard chunkLength >= 10, let canvasWidth = bytes.uint24LE(at: 24), let canvasHeight = bytes.uint24LE(at: 27)
            else { throw MediaError(.malformed, "the WebP extended header is too short") }
            guard bytes[20] & 0x02 == 0 else { throw MediaError(.unsupported, "animated WebP is not supported") }
            width = canvasWidth + 1
            height = canvasHeight + 1
        case "VP8L":
            guard chunkLength >= 5, bytes[20] == 0x2F, let bits = bytes.uint32LE(at: 21) else {
                throw MediaError(.malformed, "the lossless WebP header is damaged")
            }
            width = (bits & 0x3FFF) + 1
            height = ((bits >> 14) & 0x3FFF) + 1
        case "VP8 ":
            guard chunkLength >= 10, bytes[23..<26].elementsEqual([0x9D, 0x01, 0x2A]),
                let frameWidth = bytes.uint16LE(at: 26), let frameHeight = bytes.uint16LE(at: 28)
            else { throw MediaError(.malformed, "the lossy WebP header is damaged") }
            width = frameWidth & 0x3FFF
            height = frameHeight & 0x3FFF
        default:
            throw MediaError(.malformed, "the WebP file has no image chunk")
        }
        try limit.check(width: width, height: height)
        return ImageHeader(format: .webp, width: width, height: height)
    }

    private static var truncatedWebP: MediaError { MediaError(.truncated, "the WebP file ends before its RIFF length") }
}
