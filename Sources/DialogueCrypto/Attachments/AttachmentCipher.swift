import Crypto

/// Attachment encryption: random key, file padded to a size bucket, ChaCha20-Poly1305 with
/// `L("attachment")` as associated data. The blob's SHA-256 goes into the signed message and is
/// checked before decrypting, which makes the scheme key-committing (no "invisible salamanders").
package enum AttachmentCipher {
    /// Files larger than this are refused (one-shot, in-memory encryption).
    package static let maxFileBytes = 50 * 1024 * 1024

    /// The padded size for `length` bytes (plus the 0x80 marker): the next power of two up to 1 MiB,
    /// then the next multiple of 1 MiB. Sizes are the only thing the server learns.
    package static func bucket(for length: Int) -> Int {
        let needed = length + 1
        let mebibyte = 1 << 20
        if needed <= mebibyte {
            var size = 256
            while size < needed { size <<= 1 }
            return size
        }
        return (needed + mebibyte - 1) / mebibyte * mebibyte
    }

    /// Encrypts `file` under a fresh key; returns the blob to upload and the descriptor fields.
    package static func encrypt(_ file: [UInt8], blobID: String) throws(CryptoError) -> (
        blob: [UInt8], descriptor: AttachmentDescriptor
    ) {
        guard file.count <= maxFileBytes else { throw CryptoError(.lengthTooLarge, "attachment too large") }
        let key = SymmetricKey(size: .bits256)
        var padded = file
        padded.append(0x80)
        padded.append(contentsOf: repeatElement(0, count: bucket(for: file.count) - padded.count))
        let blob: [UInt8]
        do {
            blob = Array(try ChaChaPoly.seal(padded, using: key, authenticating: Label.attachment.encoded).combined)
        } catch {
            throw CryptoError(.invalidKey, "attachment encryption failed")
        }
        let descriptor = AttachmentDescriptor(
            blobID: blobID, key: key.bytes, sha256: KeyDerivation.sha256(blob), length: Int64(blob.count))
        return (blob, descriptor)
    }

    /// Checks length and SHA-256 of the downloaded blob against the signed descriptor, then decrypts.
    /// - Throws: ``CryptoError/Code/hashMismatch`` before any decryption is attempted,
    ///   ``CryptoError/Code/decryptionFailed``, ``CryptoError/Code/invalidPlaintext``.
    package static func decrypt(_ blob: [UInt8], descriptor: AttachmentDescriptor) throws(CryptoError) -> [UInt8] {
        guard Int64(blob.count) == descriptor.length, KeyDerivation.sha256(blob) == descriptor.sha256 else {
            throw CryptoError(.hashMismatch, "attachment blob differs from the signed descriptor")
        }
        let padded: [UInt8]
        do {
            let box = try ChaChaPoly.SealedBox(combined: blob)
            padded = Array(
                try ChaChaPoly.open(
                    box, using: SymmetricKey(data: descriptor.key), authenticating: Label.attachment.encoded))
        } catch {
            throw CryptoError(.decryptionFailed, "attachment does not decrypt")
        }
        guard let marker = padded.lastIndex(where: { $0 != 0 }), padded[marker] == 0x80,
            bucket(for: marker) == padded.count
        else {
            throw CryptoError(.invalidPlaintext, "attachment padding is wrong")
        }
        return Array(padded[..<marker])
    }
}
