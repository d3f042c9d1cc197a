import DialogueStore
import Foundation

/// Image messages: prepared and encrypted locally (queued offline like any send), uploaded as
/// opaque blobs, fetched in the background and hash-checked on receipt, kept encrypted, and
/// decrypted only into the runtime directory when a front end lists the message.
extension AccountSession {
    static let localBlobPrefix = "local-"

    /// Reads, downscales and encrypts the file; the ciphertext waits in the blob directory.
    func prepareAttachment(path: String) async throws(DaemonError) -> CachedAttachment {
        let sealed = try SealedImage(await SealedImage.prepareImage(at: path, field: "attachmentPath", maxSide: 1600))
        let localId = Self.localBlobPrefix + UUID().uuidString.lowercased()
        try BlobCache.writePrivate(sealed.blob, to: blobs.files.blobs.appendingPathComponent(localId))
        var attachment = sealed.attachment
        attachment.blobId = localId
        attachment.name = URL(fileURLWithPath: path).lastPathComponent
        return attachment
    }

    /// Uploads a locally queued blob (once) and returns the attachment with the server's blob id.
    func upload(_ attachment: CachedAttachment, messageId: String) async throws(DaemonError) -> CachedAttachment {
        guard attachment.blobId.hasPrefix(Self.localBlobPrefix) else { return attachment }
        let local = blobs.files.blobs.appendingPathComponent(attachment.blobId)
        guard let bytes = FileManager.default.contents(atPath: local.path) else {
            throw DaemonError(.notFound, "The queued attachment is gone from the cache")
        }
        let info = try await client.uploadBlob(Array(bytes), token: token)
        var uploaded = attachment
        uploaded.blobId = info.id
        try? FileManager.default.moveItem(at: local, to: blobs.files.blobs.appendingPathComponent(info.id))
        if var message = try await cachedMessage(messageId) {
            message.attachment = uploaded
            try await store([message], notify: nil)
        }
        return uploaded
    }

    /// A received image whose download failed (or whose cached file went missing) is queued again
    /// when it is listed while the server can be reached; the next list shows it.
    func refetchIfMissing(_ attachment: CachedAttachment) async {
        guard sendFrame != nil, !attachment.blobId.hasPrefix(Self.localBlobPrefix) else { return }
        await downloads.enqueue(attachment, kind: "an attachment")
    }
}
