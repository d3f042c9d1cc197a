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

    /// Reads, downscales and encrypts the file; the ciphertext waits in the blob directory.
    func prepareAttachment(path: String) async throws(DaemonError) -> CachedAttachment {
        guard path.hasPrefix("/") else {
            throw DaemonError(.invalidInput, "attachmentPath must be an absolute path, found \"\(path)\"")
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        let prepared: PreparedImage
        do {
            // Downscaled and re-encoded with libgd, which leaves the image's metadata behind.
            prepared = try await ImageDownscaler.prepareInBackground(fileAt: path)
        } catch {
            throw DaemonError(.invalidInput, "\(name): \(error.message)")
        }
        let encrypted: (blob: [UInt8], descriptor: AttachmentDescriptor)
        do {
            encrypted = try AttachmentCipher.encrypt(prepared.data, blobID: "")
        } catch {
            throw DaemonError(.invalidInput, "The attachment could not be encrypted: \(error.message)")
        }
        let localId = Self.localBlobPrefix + UUID().uuidString.lowercased()
        try writePrivate(encrypted.blob, to: files.blobs.appendingPathComponent(localId))
        var attachment = CachedAttachment(descriptor: encrypted.descriptor)
        attachment.blobId = localId
        attachment.mime = prepared.mimeType
        attachment.width = Int64(prepared.width)
        attachment.height = Int64(prepared.height)
        attachment.name = name
        return attachment
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

    /// Fetches a received attachment's ciphertext into the blob cache, checking its hash first.
    func fetchAttachment(_ attachment: CachedAttachment) async {
        let target = files.blobs.appendingPathComponent(attachment.blobId)
        guard !FileManager.default.fileExists(atPath: target.path) else { return }
        do {
            let blob = try await client.downloadBlob(attachment.blobId, token: token)
            // Verifies length and SHA-256 against the signed descriptor before keeping it.
            _ = try AttachmentCipher.decrypt(blob, descriptor: attachment.descriptor)
            try writePrivate(blob, to: target)
        } catch {
            logger.warning("an attachment could not be fetched", metadata: ["error": "\(error)"])
        }
    }

    /// The decrypted copy for front ends, written on demand into the runtime directory.
    func attachmentPath(for message: CachedMessage) -> String? {
        guard let attachment = message.attachment else { return nil }
        let name = message.id + Self.fileExtension(for: attachment.mime)
        let target = files.decrypted.appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: target.path) { return target.path }
        guard
            let blob = FileManager.default.contents(atPath: files.blobs.appendingPathComponent(attachment.blobId).path),
            let plain = try? AttachmentCipher.decrypt(Array(blob), descriptor: attachment.descriptor),
            (try? writePrivate(plain, to: target)) != nil
        else { return nil }
        return target.path
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
            throw DaemonError(.failed, "Could not write an attachment file: \(error)")
        }
    }

    /// Removes decrypted copies (lock, logout).
    func removeDecryptedFiles() {
        try? FileManager.default.removeItem(at: files.decrypted)
    }
}
