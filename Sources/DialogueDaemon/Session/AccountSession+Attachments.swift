import DialogueCrypto
import DialogueMedia
import DialogueProtocol
import DialogueStore
import Foundation

/// Image messages: prepared and encrypted locally (queued offline like any send), uploaded as
/// opaque blobs, fetched and hash-checked on receipt, kept encrypted, and decrypted only into the
/// runtime directory when a front end lists the message.
extension AccountSession {
    static let localBlobPrefix = "local-"

    /// An encrypted image: the blob to upload and what opens it.
    typealias SealedImage = (blob: [UInt8], attachment: CachedAttachment)

    /// Reads, downscales and encrypts the file; the ciphertext waits in the blob directory.
    func prepareAttachment(path: String) async throws(DaemonError) -> CachedAttachment {
        let image = try await Self.prepareImage(at: path, field: "attachmentPath", maxSide: 1600)
        let sealed = try Self.seal(image)
        let localId = Self.localBlobPrefix + UUID().uuidString.lowercased()
        try writePrivate(sealed.blob, to: files.blobs.appendingPathComponent(localId))
        var attachment = sealed.attachment
        attachment.blobId = localId
        attachment.name = URL(fileURLWithPath: path).lastPathComponent
        return attachment
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

    /// Encrypts a prepared image under a fresh key: the blob to upload and what opens it (no blob id yet).
    static func seal(_ image: PreparedImage) throws(DaemonError) -> SealedImage {
        let encrypted: (blob: [UInt8], descriptor: AttachmentDescriptor)
        do {
            encrypted = try AttachmentCipher.encrypt(image.data, blobID: "")
        } catch {
            throw DaemonError(.invalidInput, "The image could not be encrypted: \(error.message)")
        }
        var attachment = CachedAttachment(descriptor: encrypted.descriptor)
        attachment.mime = image.mimeType
        attachment.width = Int64(image.width)
        attachment.height = Int64(image.height)
        return (encrypted.blob, attachment)
    }

    /// Uploads a locally queued blob (once) and returns the attachment with the server's blob id.
    func upload(_ attachment: CachedAttachment, messageId: String) async throws(DaemonError) -> CachedAttachment {
        guard attachment.blobId.hasPrefix(Self.localBlobPrefix) else { return attachment }
        let local = files.blobs.appendingPathComponent(attachment.blobId)
        guard let bytes = FileManager.default.contents(atPath: local.path) else {
            throw DaemonError(.notFound, "The queued attachment is gone from the cache")
        }
        let info = try await client.uploadBlob(Array(bytes), token: token)
        var uploaded = attachment
        uploaded.blobId = info.id
        try? FileManager.default.moveItem(at: local, to: files.blobs.appendingPathComponent(info.id))
        if var message = try await cachedMessage(messageId) {
            message.attachment = uploaded
            try await store([message], notify: nil)
        }
        return uploaded
    }

    /// Fetches a received attachment's (or group avatar's) ciphertext into the blob cache; a
    /// failure is logged, and the message or group shows without a file until a later fetch.
    func fetchAttachment(_ attachment: CachedAttachment, kind: String = "an attachment") async {
        do {
            try await fetchBlob(of: attachment)
        } catch {
            logger.warning("\(kind) could not be fetched", metadata: ["error": "\(error)"])
        }
    }

    /// A received image whose download failed (or whose cached file went missing) is fetched
    /// again in the background when it is listed while the server can be reached; the next list
    /// shows it.
    func refetchIfMissing(_ attachment: CachedAttachment) {
        guard sendFrame != nil, !attachment.blobId.hasPrefix(Self.localBlobPrefix),
            let target = cachedBlobURL(attachment.blobId), !FileManager.default.fileExists(atPath: target.path),
            refetching.insert(attachment.blobId).inserted
        else { return }
        Task {
            await fetchAttachment(attachment)
            refetching.remove(attachment.blobId)
        }
    }

    /// Downloads an encrypted blob into the blob cache (once), checking its length and SHA-256
    /// against the signed descriptor before keeping it.
    func fetchBlob(of attachment: CachedAttachment) async throws(DaemonError) {
        guard let target = cachedBlobURL(attachment.blobId) else {
            throw DaemonError(.forbidden, "A blob id is not a plain file name")
        }
        guard !FileManager.default.fileExists(atPath: target.path) else { return }
        let blob = try await client.downloadBlob(attachment.blobId, token: token)
        do {
            _ = try AttachmentCipher.decrypt(blob, descriptor: attachment.descriptor)
        } catch {
            throw DaemonError("A blob does not match its signed descriptor", crypto: error)
        }
        try writePrivate(blob, to: target)
    }

    /// The decrypted copy for front ends, written on demand into the runtime directory.
    func attachmentPath(for message: CachedMessage) -> String? {
        guard let attachment = message.attachment else { return nil }
        return decryptedCopy(of: attachment, named: message.id)?.path
    }

    /// Decrypts a cached blob into `name` (plus the MIME type's extension) in the runtime directory,
    /// unless that file is already there; `nil` while the blob is not cached.
    func decryptedCopy(of attachment: CachedAttachment, named name: String) -> URL? {
        guard Self.isPlainFileName(name) else { return nil }
        let target = files.decrypted.appendingPathComponent(name + Self.fileExtension(for: attachment.mime))
        if FileManager.default.fileExists(atPath: target.path) { return target }
        guard
            let source = cachedBlobURL(attachment.blobId),
            let blob = FileManager.default.contents(atPath: source.path),
            let plain = try? AttachmentCipher.decrypt(Array(blob), descriptor: attachment.descriptor),
            (try? writePrivate(plain, to: target)) != nil
        else { return nil }
        return target
    }

    /// Where a blob's ciphertext is cached; `nil` for an id that is not a plain file name (ids come
    /// from signed data, but only the server's `[0-9a-f]` and our `local-` ids are expected).
    func cachedBlobURL(_ blobId: String) -> URL? {
        guard Self.isPlainFileName(blobId) else { return nil }
        return files.blobs.appendingPathComponent(blobId)
    }

    private static let plainFileNameBytes = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_".utf8)

    /// 1 to 128 characters of `[A-Za-z0-9_-]`: safe as a file name, never `..` or a path.
    static func isPlainFileName(_ id: String) -> Bool {
        (1...128).contains(id.utf8.count) && id.utf8.allSatisfy(plainFileNameBytes.contains)
    }

    static func fileExtension(for mime: String?) -> String {
        switch mime {
        case "image/jpeg": return ".jpg"
        case "image/png": return ".png"
        case "image/gif": return ".gif"
        case "image/webp": return ".webp"
        default: return ""
        }
    }

    /// Writes a file only this user can read (directory 0700, file 0600).
    func writePrivate(_ bytes: [UInt8], to url: URL) throws(DaemonError) {
        do {
            let directory = url.deletingLastPathComponent()
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let created = FileManager.default.createFile(
                atPath: url.path, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
            guard created else { throw DaemonError(.failed, "Could not write \(url.lastPathComponent)") }
        } catch let error as DaemonError {
            throw error
        } catch {
            throw DaemonError(.failed, "Could not write an attachment file", cause: error)
        }
    }

    /// Removes decrypted copies (lock, logout).
    func removeDecryptedFiles() {
        try? FileManager.default.removeItem(at: files.decrypted)
    }
}
