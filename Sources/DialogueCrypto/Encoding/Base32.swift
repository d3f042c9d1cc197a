/// RFC 4648 base32 without padding, used for the 52-character link code.
///
/// Decoding is case-insensitive (people type codes) but canonical otherwise: unused trailing bits
/// must be zero, so each secret has exactly one accepted code.
package enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    package static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int(buffer >> UInt32(bits - 5) & 0x1f)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int(buffer << UInt32(5 - bits) & 0x1f)]) }
        return String(decoding: out, as: UTF8.self)
    }

    package static func decode(_ text: String) throws(CryptoError) -> [UInt8] {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for char in text.uppercased().utf8 {
            guard let value = alphabet.firstIndex(of: char) else {
                throw CryptoError(.invalidEncoding, "invalid base32 character")
            }
            buffer = buffer << 5 | UInt32(value)
            bits += 5
            if bits >= 8 {
                out.append(UInt8(buffer >> UInt32(bits - 8) & 0xff))
                bits -= 8
            }
        }
        guard bits < 5, buffer & ((1 << UInt32(bits)) - 1) == 0 else {
            throw CryptoError(.invalidEncoding, "non-canonical base32 tail")
        }
        return out
    }
}
