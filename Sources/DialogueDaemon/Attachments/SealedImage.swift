import DialogueCrypto
import DialogueMedia
import DialogueStore
import Foundation

/// An image prepared for upload: downscaled, re-encoded without the original's metadata, and
/// encrypted under a fresh key. The blob is what the server stores; the attachment opens it.
struct SealedImage: Sendable {
    var blob: [UInt8]
    /// The descriptor and display facts; no blob id until the upload names one.
    var attachment: CachedAttachment

    /// Encrypts a prepared image under a fresh key.
    init(_ image: PreparedImage) throws(DaemonError) {
        let encrypted: (blob: [UInt8], descriptor: AttachmentDescriptor)
        do {
            encrypted = try AttachmentCipher.encrypt(image.data, blobID: "")
        } catch {
            throw DaemonError(.invalidInput, "The image could not be encrypted: \(error.message)")
        }
        blob = encrypted.blob
        attachment = CachedAttachment(descriptor: encrypted.descriptor)
        attachment.mime = image.mimeType
        attachment.width = Int64(image.width)
        attachment.height = Int64(image.height)
    }

    /// Reads, checks, downscales (longest side `maxSide`) and re-encodes an image file; libgd writes
    /// none of the original's metadata back. A bad file is `invalid_input` naming `field`.
    static func prepareImage(at path: String, field: String, maxSide: Int) async throws(DaemonError)
        -> PreparedImage
    {
        guard path.hasPrefix("/") else {
            throw DaemonError(.invalidInput, "\(field) must be an absolute path, found \"\(path)\"")
        }
        do {
            return try await ImageDownscaler.prepareInBackground(fileAt: path, maxSide: maxSide)
        } catch {
            throw DaemonError(.invalidInput, "\(URL(fileURLWithPath: path).lastPathComponent): \(error.message)")
        }
    }
}
