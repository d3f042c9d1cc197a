import DialogueCrypto
import DialogueStore
import Foundation
import Logging
import Synchronization

/// The session's attachment files: ciphertext as the server stores it in the data directory, and
/// the decrypted copies front ends open, written on demand into the runtime directory only.
///
/// Plain file operations with no actor of their own, so the download queue, the RPC handlers and
/// the session can all use them without waiting for each other.
final class BlobCache: Sendable {
    let files: SessionFiles
    private let logger: Logger
    /// Profile pictures downloaded this session, by blob id: files in the runtime directory only.
    /// Behind a lock so `daemon.status` can name the account's own without waiting for the session.
    private let profileAvatars = Mutex<[String: URL]>([:])

    init(files: SessionFiles, logger: Logger) {
        self.files = files
        self.logger = logger
    }

    // MARK: - Ciphertext

    /// Where a blob's ciphertext is cached; `nil` for an id that is not a plain file name (ids come
    /// from signed data, but only the server's `[0-9a-f]` and our `local-` ids are expected).
    func cachedBlobURL(_ blobId: String) -> URL? {
        guard Self.isPlainFileName(blobId) else { return nil }
        return files.blobs.appendingPathComponent(blobId)
    }

    /// Whether the attachment's ciphertext is here (an id that cannot be a file name never is).
    func hasBlob(_ attachment: CachedAttachment) -> Bool {
        cachedBlobURL(attachment.blobId).map { FileManager.default.fileExists(atPath: $0.path) } ?? false
    }

    /// Keeps downloaded ciphertext, once its length and SHA-256 match the signed descriptor.
    func keep(_ blob: [UInt8], of attachment: CachedAttachment) throws(DaemonError) {
        guard let target = cachedBlobURL(attachment.blobId) else {
            throw DaemonError(.forbidden, "A blob id is not a plain file name")
        }
        do {
            _ = try AttachmentCipher.decrypt(blob, descriptor: attachment.descriptor)
        } catch {
            throw DaemonError("A blob does not match its signed descriptor", crypto: error)
        }
        try Self.writePrivate(blob, to: target)
    }

    // MARK: - Decrypted copies

    /// The decrypted copy of a message's attachment for front ends; `nil` while its blob is not cached.
    func attachmentPath(for message: CachedMessage) -> String? {
        guard let attachment = message.attachment else { return nil }
        return decryptedCopy(of: attachment, named: message.id)?.path
    }

    /// The decrypted group avatar, written on demand; `nil` while its blob is not cached.
    func groupAvatarURL(_ avatar: CachedAttachment) -> URL? {
        decryptedCopy(of: avatar, named: "avatar-" + avatar.blobId)
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
            (try? Self.writePrivate(plain, to: target)) != nil
        else { return nil }
        return target
    }

    /// Removes decrypted copies (lock, logout).
    func removeDecryptedFiles() {
        try? FileManager.default.removeItem(at: files.decrypted)
    }

    // MARK: - Profile pictures

    /// Writes a profile picture (public, never encrypted) into the runtime directory and remembers
    /// it for this session.
    func keepProfileAvatar(_ bytes: [UInt8], mimeType: String, blobId: String) {
        guard Self.isPlainFileName(blobId) else { return }
        let target = files.decrypted.appendingPathComponent("avatar-" + blobId + Self.fileExtension(for: mimeType))
        do {
            try Self.writePrivate(bytes, to: target)
            profileAvatars.withLock { $0[blobId] = target }
        } catch {
            logger.warning("a profile picture could not be written", metadata: ["error": "\(error)"])
        }
    }

    /// `file://` URLs of the profile pictures named by `blobIds` that are already here.
    func knownProfileAvatarURLs(_ blobIds: Set<String>) -> [String: String] {
        profileAvatars.withLock { avatars in
            avatars.filter { id, file in blobIds.contains(id) && FileManager.default.fileExists(atPath: file.path) }
        }.mapValues(\.absoluteString)
    }

    // MARK: - Files

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
    static func writePrivate(_ bytes: [UInt8], to url: URL) throws(DaemonError) {
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
}
