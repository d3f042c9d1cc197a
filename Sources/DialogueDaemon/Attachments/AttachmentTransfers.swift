import DialogueStore
import Foundation

/// Image messages: prepared and encrypted locally (queued offline like any send), uploaded as
/// opaque blobs, fetched in the background and hash-checked on receipt, kept encrypted, and
/// decrypted only into the runtime directory when a front end lists the message.
enum AttachmentTransfers {
    /// Names a blob that waits in the blob directory for its upload.
    static let localBlobPrefix = "local-"

    /// Reads, downscales and encrypts the file; the ciphertext waits in the blob directory.
    static func prepare(path: String, in session: isolated AccountSession) async throws(DaemonError)
        -> CachedAttachment
    {
        let sealed = try SealedImage(await SealedImage.prepareImage(at: path, field: "attachmentPath", maxSide: 1600))
        let localId = localBlobPrefix + UUID().uuidString.lowercased()
        try BlobCache.writePrivate(sealed.blob, to: session.blobs.files.blobs.appendingPathComponent(localId))
        var attachment = sealed.attachment
        attachment.blobId = localId
        attachment.name = URL(fileURLWithPath: path).lastPathComponent
        return attachment
    }

    /// Uploads a locally queued blob (once) and returns the attachment with the server's blob id.
    static func upload(_ attachment: CachedAttachment, messageId: String, in session: isolated AccountSession)
        async throws(DaemonError) -> CachedAttachment
    {
        guard attachment.blobId.hasPrefix(localBlobPrefix) else { return attachment }
        let blobs = session.blobs.files.blobs
        let local = blobs.appendingPathComponent(attachment.blobId)
        guard let bytes = FileManager.default.contents(atPath: local.path) else {
            throw DaemonError(.notFound, "The queued attachment is gone from the cache")
        }
        let info = try await DaemonError.converting {
            try await session.client.uploadBlob(Array(bytes), token: session.token)
        }
        var uploaded = attachment
        uploaded.blobId = info.id
        try? FileManager.default.moveItem(at: local, to: blobs.appendingPathComponent(info.id))
        if var message = try await session.cachedMessage(messageId) {
            message.attachment = uploaded
            try await session.store([message], notify: nil)
        }
        return uploaded
    }

    /// A received image whose download failed (or whose cached file went missing) is queued again
    /// when it is listed while the server can be reached; the next list shows it.
    static func refetchIfMissing(_ attachment: CachedAttachment, in session: isolated AccountSession) async {
        guard session.sendFrame != nil, !attachment.blobId.hasPrefix(localBlobPrefix) else { return }
        await session.downloads.enqueue(attachment, kind: "an attachment")
    }
}
