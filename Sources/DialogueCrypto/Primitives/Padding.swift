/// ISO/IEC 7816-4 style padding to hide exact lengths: append `0x80`, then zeros up to a multiple
/// of the block (256 bytes for events), minimum one block.
package enum Padding {
    package static let eventBlock = 256

    package static func pad(_ plaintext: [UInt8], block: Int = eventBlock) -> [UInt8] {
        var out = plaintext
        out.append(0x80)
        let target = (out.count + block - 1) / block * block
        out.append(contentsOf: repeatElement(0, count: target - out.count))
        return out
    }

    /// Strips the padding; refuses a missing marker or a length that is not a block multiple.
    package static func unpad(_ padded: [UInt8], block: Int = eventBlock) throws(CryptoError) -> [UInt8] {
        guard !padded.isEmpty, padded.count % block == 0 else {
            throw CryptoError(.invalidPlaintext, "padded length is not a multiple of \(block)")
        }
        guard let marker = padded.lastIndex(where: { $0 != 0 }), padded[marker] == 0x80 else {
            throw CryptoError(.invalidPlaintext, "missing 0x80 padding marker")
        }
        guard padded.count - marker <= block else {
            throw CryptoError(.invalidPlaintext, "padding longer than one block")
        }
        return Array(padded[..<marker])
    }
}
