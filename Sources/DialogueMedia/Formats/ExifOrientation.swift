/// The EXIF `Orientation` tag (0x0112): how the stored pixels must be turned to display upright.
/// Cameras store sensor-order pixels and set this tag; re-encoding drops the tag, so the downscaler
/// applies it to the pixels instead.
enum ExifOrientation: Int, Equatable, Sendable {
    case up = 1
    case upMirrored = 2
    case down = 3
    case downMirrored = 4
    /// Transposed: mirrored, then turned a quarter counter-clockwise.
    case leftMirrored = 5
    /// Displayed after a quarter turn clockwise.
    case right = 6
    /// Transversed: mirrored, then turned a quarter clockwise.
    case rightMirrored = 7
    /// Displayed after a quarter turn counter-clockwise.
    case left = 8

    /// Whether displaying the image swaps its width and height.
    var swapsDimensions: Bool { rawValue >= 5 }

    /// The orientation in a JPEG APP1 segment's payload (`Exif\0\0` then a TIFF structure), or `nil`
    /// when the payload is not EXIF or carries no valid orientation.
    init?(exifPayload payload: [UInt8]) {
        guard payload.starts(with: Array("Exif".utf8) + [0, 0]) else { return nil }
        let tiff = Array(payload.dropFirst(6))
        let littleEndian: Bool
        if tiff.starts(with: [0x49, 0x49]) {
            littleEndian = true
        } else if tiff.starts(with: [0x4D, 0x4D]) {
            littleEndian = false
        } else {
            return nil
        }
        let read16 = { (offset: Int) in littleEndian ? tiff.uint16LE(at: offset) : tiff.uint16BE(at: offset) }
        let read32 = { (offset: Int) in littleEndian ? tiff.uint32LE(at: offset) : tiff.uint32BE(at: offset) }
        guard let directory = read32(4), let entries = read16(directory) else { return nil }
        for index in 0..<entries {
            let entry = directory + 2 + 12 * index
            guard let tag = read16(entry) else { return nil }
            guard tag == 0x0112 else { continue }
            // Type 3 is SHORT; its value sits in the first two bytes of the value field.
            guard read16(entry + 2) == 3, let value = read16(entry + 8) else { return nil }
            self.init(rawValue: value)
            return
        }
        return nil
    }
}
