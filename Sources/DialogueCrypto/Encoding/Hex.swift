/// Lowercase hexadecimal, used for ids inside JSON plaintexts and for test vectors.
package enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    package static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes lowercase hex strictly (even length, no prefix, no uppercase) so an id has one spelling.
    package static func decode(_ text: String) throws(CryptoError) -> [UInt8] {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { throw CryptoError(.invalidEncoding, "odd-length hex") }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var index = 0
        while index < chars.count {
            out.append(try nibble(chars[index]) << 4 | nibble(chars[index + 1]))
            index += 2
        }
        return out
    }

    private static func nibble(_ char: UInt8) throws(CryptoError) -> UInt8 {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return char - UInt8(ascii: "a") + 10
        default: throw CryptoError(.invalidEncoding, "invalid hex digit")
        }
    }
}
