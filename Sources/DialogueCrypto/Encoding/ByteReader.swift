/// Strict parser for the canonical binary encodings written by ``ByteWriter``.
///
/// Every read checks the remaining length, every `vec` has an explicit limit, and callers finish
/// with ``finish()`` so trailing bytes are refused: a structure has exactly one accepted encoding,
/// which keeps signatures and hashes unambiguous.
package struct ByteReader: Sendable {
    /// The largest `vec` accepted unless a field states a smaller limit (16 MiB).
    package static let defaultLimit = 16 * 1024 * 1024

    private let bytes: [UInt8]
    package private(set) var offset: Int

    package init(_ bytes: [UInt8]) {
        self.bytes = bytes
        offset = 0
    }

    /// Bytes not yet consumed.
    package var remaining: Int { bytes.count - offset }

    package mutating func u8() throws(CryptoError) -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return bytes[offset]
    }

    package mutating func u32() throws(CryptoError) -> UInt32 {
        try need(4)
        var value: UInt32 = 0
        for index in offset..<offset + 4 { value = value << 8 | UInt32(bytes[index]) }
        offset += 4
        return value
    }

    package mutating func u64() throws(CryptoError) -> UInt64 {
        try need(8)
        var value: UInt64 = 0
        for index in offset..<offset + 8 { value = value << 8 | UInt64(bytes[index]) }
        offset += 8
        return value
    }

    /// Reads exactly `count` bytes.
    package mutating func fixed(_ count: Int) throws(CryptoError) -> [UInt8] {
        try need(count)
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// Reads `u32(len) ‖ value`, refusing lengths above `limit` before touching the payload.
    package mutating func vec(limit: Int = ByteReader.defaultLimit) throws(CryptoError) -> [UInt8] {
        let length = Int(try u32())
        guard length <= limit else {
            throw CryptoError(.lengthTooLarge, "length \(length) exceeds the limit of \(limit) bytes")
        }
        return try fixed(length)
    }

    /// Reads a `vec` holding strict UTF-8.
    package mutating func string(limit: Int) throws(CryptoError) -> String {
        let raw = try vec(limit: limit)
        guard let value = String(validating: raw, as: UTF8.self) else {
            throw CryptoError(.invalidEncoding, "string field is not valid UTF-8")
        }
        return value
    }

    /// Reads a `u32` element count, refusing counts above `limit`.
    package mutating func count(limit: Int) throws(CryptoError) -> Int {
        let value = Int(try u32())
        guard value <= limit else {
            throw CryptoError(.lengthTooLarge, "count \(value) exceeds the limit of \(limit)")
        }
        return value
    }

    /// Consumes and checks a domain-separation label.
    package mutating func expectLabel(_ label: Label) throws(CryptoError) {
        let found = try fixed(label.encoded.count)
        guard found == label.encoded else {
            throw CryptoError(.invalidEncoding, "unexpected label, wanted \(label.purpose)")
        }
    }

    /// Refuses trailing bytes; call after the last field.
    package func finish() throws(CryptoError) {
        guard remaining == 0 else {
            throw CryptoError(.trailingBytes, "\(remaining) unexpected bytes after the last field")
        }
    }

    private func need(_ count: Int) throws(CryptoError) {
        guard count >= 0, remaining >= count else {
            throw CryptoError(.truncated, "needed \(count) bytes, \(remaining) left")
        }
    }
}
