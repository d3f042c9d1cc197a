import Foundation
import Testing

@testable import DialogueCrypto

struct AttachmentTests {
    @Test("Size buckets: powers of two up to 1 MiB, then whole MiB")
    func buckets() {
        #expect(AttachmentCipher.bucket(for: 0) == 256)
        #expect(AttachmentCipher.bucket(for: 255) == 256)
        #expect(AttachmentCipher.bucket(for: 256) == 512)
        #expect(AttachmentCipher.bucket(for: 300_000) == 524_288)
        #expect(AttachmentCipher.bucket(for: 1_048_575) == 1_048_576)
        #expect(AttachmentCipher.bucket(for: 1_048_576) == 2_097_152)
        #expect(AttachmentCipher.bucket(for: 3_000_000) == 3_145_728)
    }

    @Test("Round trip; the hash is checked before decrypting; a swapped blob is refused")
    func roundTrip() throws {
        let file = Array((0..<5000).map { UInt8($0 % 251) })
        let (blob, descriptor) = try AttachmentCipher.encrypt(file, blobID: "blob-1")
        #expect(blob.count == 8192 + 28)
        #expect(try AttachmentCipher.decrypt(blob, descriptor: descriptor) == file)
        var flipped = blob
        flipped[40] ^= 1
        expectCode(.hashMismatch) { try AttachmentCipher.decrypt(flipped, descriptor: descriptor) }
        expectCode(.hashMismatch) { try AttachmentCipher.decrypt(Array(blob.dropLast()), descriptor: descriptor) }
        // A different blob whose hash the attacker also put in the descriptor still needs the key.
        let (other, _) = try AttachmentCipher.encrypt(file, blobID: "blob-2")
        var lying = descriptor
        lying.sha256 = KeyDerivation.sha256(other)
        expectCode(.decryptionFailed) { try AttachmentCipher.decrypt(other, descriptor: lying) }
    }
}
