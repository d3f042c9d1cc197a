extension ImageHeader {
    /// Walks the JPEG marker segments and entropy-coded scans up to EOI. libjpeg only warns about a
    /// missing end and paints the rest grey, so truncation is detected here instead.
    static func readJPEG(_ bytes: [UInt8], limit: PixelLimit) throws(MediaError) -> ImageHeader {
        var size: (width: Int, height: Int)?
        var orientation = ExifOrientation.up
        var offset = 2
        while true {
            guard offset + 2 <= bytes.count else { throw truncatedJPEG }
            guard bytes[offset] == 0xFF else { throw MediaError(.malformed, "the JPEG has a damaged marker") }
            let marker = bytes[offset + 1]
            if marker == 0xFF {  // fill byte before a marker
                offset += 1
                continue
            }
            if marker == 0xD9 {
                guard let size else { throw MediaError(.malformed, "the JPEG has no frame header") }
                return ImageHeader(format: .jpeg, width: size.width, height: size.height, orientation: orientation)
            }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) {
                offset += 2
                continue
            }
            guard let length = bytes.uint16BE(at: offset + 2) else { throw truncatedJPEG }
            guard length >= 2 else { throw MediaError(.malformed, "the JPEG has a damaged segment length") }
            let payloadStart = offset + 4
            let payloadEnd = offset + 2 + length
            guard payloadEnd <= bytes.count else { throw truncatedJPEG }
            switch marker {
            case 0xC0...0xC3, 0xC5...0xC7, 0xC9...0xCB, 0xCD...0xCF:  // SOFn: precision, height, width
                guard size == nil else { break }
                guard payloadStart + 5 <= payloadEnd, let height = bytes.uint16BE(at: payloadStart + 1),
                    let width = bytes.uint16BE(at: payloadStart + 3)
                else { throw MediaError(.malformed, "the JPEG frame header is too short") }
                try limit.check(width: width, height: height)
                size = (width, height)
            case 0xE1:  // APP1: EXIF (or XMP, which has no orientation we read)
                guard orientation == .up else { break }
                orientation = ExifOrientation(exifPayload: Array(bytes[payloadStart..<payloadEnd])) ?? .up
            default:
                break
            }
            offset = payloadEnd
            if marker == 0xDA {
                offset = try endOfScan(bytes, from: offset)
            }
        }
    }

    /// The offset of the first marker after an entropy-coded scan (stuffed `FF 00` and restart
    /// markers belong to the scan).
    private static func endOfScan(_ bytes: [UInt8], from start: Int) throws(MediaError) -> Int {
        var offset = start
        while offset + 1 < bytes.count {
            if bytes[offset] == 0xFF {
                let next = bytes[offset + 1]
                if next != 0x00 && next != 0xFF && !(0xD0...0xD7).contains(next) { return offset }
            }
            offset += 1
        }
        throw truncatedJPEG
    }

    private static var truncatedJPEG: MediaError { MediaError(.truncated, "the JPEG ends before its last marker") }
}
