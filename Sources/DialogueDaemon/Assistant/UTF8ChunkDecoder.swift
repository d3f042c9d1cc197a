/// Turns a byte stream into text without splitting a multi-byte character across two pieces
/// (a chunk boundary may fall inside an emoji).
struct UTF8ChunkDecoder: Sendable {
    private var pending: [UInt8] = []

    /// The text `bytes` complete; a trailing incomplete character waits for the next call.
    mutating func feed(_ bytes: some Sequence<UInt8>) -> String {
        pending.append(contentsOf: bytes)
        let complete = Self.completeLength(pending)
        let text = String(decoding: pending[..<complete], as: UTF8.self)
        pending.removeFirst(complete)
        return text
    }

    /// What is left at the end of the stream (an incomplete character becomes U+FFFD).
    mutating func finish() -> String {
        defer { pending.removeAll() }
        return String(decoding: pending, as: UTF8.self)
    }

    /// The length of the prefix of `bytes` that ends on a character boundary.
    static func completeLength(_ bytes: [UInt8]) -> Int {
        var index = bytes.count
        // A UTF-8 character is at most 4 bytes: look back past at most 3 continuation bytes.
        while index > 0, bytes.count - index < 4 {
            let byte = bytes[index - 1]
            if byte & 0xC0 == 0x80 {
                index -= 1
                continue
            }
            let length: Int
            switch byte {
            case 0xF0...: length = 4
            case 0xE0...: length = 3
            case 0xC0...: length = 2
            default: length = 1
            }
            return bytes.count - (index - 1) >= length ? bytes.count : index - 1
        }
        return bytes.count
    }
}
