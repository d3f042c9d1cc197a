import Crypto

/// Cell encryption for one table of the local store.
///
/// Cell: `u8(1) ‖ nonce(12) ‖ ct ‖ tag(16)` with AD `L("store/row") ‖ vec(table) ‖ vec(column) ‖
/// vec(row_pk)`, so a ciphertext cannot be moved to another row, column or table. Blind indexes are
/// `HMAC-SHA256(K_idx, L("store/idx") ‖ vec(column) ‖ value)[0..16]` for exact lookups only (never for
/// full-text terms, which would leak frequencies).
package struct TableCipher: Sendable {
    package static let cellVersion: UInt8 = 1
    package let name: String
    private let encryptionKey: SymmetricKey
    private let indexKey: SymmetricKey
    /// `L("store/row") ‖ vec(table)`, computed once per table.
    private let adPrefix: [UInt8]

    init(name: String, encryptionKey: SymmetricKey, indexKey: SymmetricKey) {
        self.name = name
        self.encryptionKey = encryptionKey
        self.indexKey = indexKey
        var writer = ByteWriter()
        writer.label(.storeRow)
        writer.string(name)
        adPrefix = writer.bytes
    }

    /// `adPrefix ‖ vec(column) ‖ vec(row)`, written with one allocation and plain copies: cells are
    /// small, so building the associated data is a visible share of the cost.
    private func associatedData(column: String, row: [UInt8]) -> [UInt8] {
        var column = column
        return column.withUTF8 { columnBytes in
            let count = adPrefix.count + 8 + columnBytes.count + row.count
            return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                var offset = 0
                for byte in adPrefix {
                    buffer[offset] = byte
                    offset += 1
                }
                for shift: UInt32 in [24, 16, 8, 0] {
                    buffer[offset] = UInt8(truncatingIfNeeded: UInt32(columnBytes.count) >> shift)
                    offset += 1
                }
                for byte in columnBytes {
                    buffer[offset] = byte
                    offset += 1
                }
                for shift: UInt32 in [24, 16, 8, 0] {
                    buffer[offset] = UInt8(truncatingIfNeeded: UInt32(row.count) >> shift)
                    offset += 1
                }
                for byte in row {
                    buffer[offset] = byte
                    offset += 1
                }
                initialized = offset
            }
        }
    }

    /// Encrypts one cell value bound to its column and row primary key.
    package func seal(_ value: [UInt8], column: String, row: [UInt8]) throws(CryptoError) -> [UInt8] {
        do {
            let box = try ChaChaPoly.seal(
                value, using: encryptionKey, authenticating: associatedData(column: column, row: row))
            var out = [Self.cellVersion]
            out.reserveCapacity(value.count + 29)
            out.append(contentsOf: box.combined)
            return out
        } catch {
            throw CryptoError(.invalidKey, "cell encryption failed")
        }
    }

    /// Decrypts one cell.
    /// - Throws: ``CryptoError/Code/unknownVersion``, ``CryptoError/Code/truncated``,
    ///   ``CryptoError/Code/decryptionFailed`` (wrong key, or moved to another place).
    package func open(_ cell: [UInt8], column: String, row: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard let version = cell.first else { throw CryptoError(.truncated, "empty cell") }
        guard version == Self.cellVersion else { throw CryptoError(.unknownVersion, "unknown cell version") }
        guard cell.count >= 1 + 12 + 16 else { throw CryptoError(.truncated, "cell too short") }
        do {
            let box = try ChaChaPoly.SealedBox(combined: cell[1...])
            return Array(
                try ChaChaPoly.open(box, using: encryptionKey, authenticating: associatedData(column: column, row: row))
            )
        } catch {
            throw CryptoError(.decryptionFailed, "cell does not decrypt in this place")
        }
    }

    /// A 16-byte blind index for exact-match lookups of `value` in `column`.
    package func blindIndex(_ value: [UInt8], column: String) -> [UInt8] {
        var writer = ByteWriter(capacity: value.count + 64)
        writer.label(.storeIndex)
        writer.string(column)
        writer.fixed(value)
        return Array(HMAC<SHA256>.authenticationCode(for: writer.bytes, using: indexKey).prefix(16))
    }
}
