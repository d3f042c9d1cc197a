import DialogueMedia
import DialogueStore
import Foundation
import Synchronization

/// Avatars. A group's is encrypted like an image message, and its descriptor travels only in the
/// group's encrypted op metadata. A profile picture is public (the server already holds names
/// and bios in the clear, and there is no key distribution for profile data): it is uploaded
/// re-encoded but unencrypted. Either way the file front ends open is written on demand into the
/// runtime directory, never into the data directory.
extension AccountSession {
    /// Avatars are small: longer sides are scaled down to this many pixels.
    static let avatarMaxSide = 512

    // MARK: - Group avatars

    /// Reads, downscales and encrypts a group avatar; nothing reaches the server yet.
    func prepareGroupAvatar(path: String) async throws(DaemonError) -> SealedImage {
        try Self.seal(await Self.prepareImage(at: path, field: "avatarPath", maxSide: Self.avatarMaxSide))
    }

    /// Uploads the encrypted avatar and keeps its ciphertext in the blob cache.
    func uploadGroupAvatar(_ sealed: SealedImage) async throws(DaemonError) -> CachedAttachment {
        let info = try await client.uploadBlob(sealed.blob, token: token)
        var avatar = sealed.attachment
        avatar.blobId = info.id
        if let cached = cachedBlobURL(info.id) { try writePrivate(sealed.blob, to: cached) }
        return avatar
    }

    /// Fetches the avatars of the groups this account is in whose blob is not cached (a fetch
    /// that failed while the server was away); cached ones cost a file check.
    func fetchMissingGroupAvatars() async {
        for avatar in conversations.values.filter({ !$0.removed }).compactMap(\.avatar) {
            await fetchAttachment(avatar, kind: "a group avatar")
        }
    }

    /// The decrypted group avatar, written on demand; `nil` while its blob is not cached.
    func groupAvatarURL(_ avatar: CachedAttachment) -> URL? {
        decryptedCopy(of: avatar, named: "avatar-" + avatar.blobId)
    }

    // MARK: - Profile avatars

    /// Reads, downscales and re-encodes a profile picture, uploads it (public, unencrypted) and
    /// keeps a copy in the runtime directory.
    /// - Returns: the blob id for `PUT /api/auth/update-profile`.
    func uploadProfileAvatar(path: String) async throws(DaemonError) -> String {
        let image = try await Self.prepareImage(at: path, field: "avatarPath", maxSide: Self.avatarMaxSide)
        let info = try await client.uploadBlob(image.data, token: token)
        keepProfileAvatar(image.data, mimeType: image.mimeType, blobId: info.id)
        return info.id
    }

    /// `file://` URLs of the profile pictures named by `blobIds`, downloading missing ones (at the
    /// same time) when `download` is set and the server is reachable.
    func profileAvatarURLs(_ blobIds: Set<String>, download: Bool) async -> [String: String] {
        let known = knownProfileAvatarURLs(blobIds)
        let missing = blobIds.filter { id in Self.isPlainFileName(id) && known[id] == nil }
        if download, sendFrame != nil, !missing.isEmpty {
            let (client, token, logger) = (client, token, logger)
            let fetched = await withTaskGroup(of: (String, [UInt8]?).self) { group in
                for id in missing {
                    group.addTask {
                        do {
                            return (id, try await client.downloadBlob(id, token: token))
                        } catch {
                            logger.warning("a profile picture could not be fetched", metadata: ["error": "\(error)"])
                            return (id, nil)
                        }
                    }
                }
                return await group.reduce(into: [(String, [UInt8]?)]()) { $0.append($1) }
            }
            for case (let id, let bytes?) in fetched {
                do {
                    keepProfileAvatar(bytes, mimeType: try ImageDownscaler.inspect(bytes).mimeType, blobId: id)
                } catch {
                    logger.warning("a profile picture is not a usable image", metadata: ["error": "\(error)"])
                }
            }
        }
        return knownProfileAvatarURLs(blobIds)
    }

    /// `file://` URLs of the profile pictures named by `blobIds` that are already here.
    nonisolated func knownProfileAvatarURLs(_ blobIds: Set<String>) -> [String: String] {
        profileAvatars.withLock { avatars in
            avatars.filter { id, file in blobIds.contains(id) && FileManager.default.fileExists(atPath: file.path) }
        }.mapValues(\.absoluteString)
    }

    /// Writes a profile picture into the runtime directory and remembers it for this session.
    private func keepProfileAvatar(_ bytes: [UInt8], mimeType: String, blobId: String) {
        guard Self.isPlainFileName(blobId) else { return }
        let target = files.decrypted.appendingPathComponent("avatar-" + blobId + Self.fileExtension(for: mimeType))
        do {
            try writePrivate(bytes, to: target)
            profileAvatars.withLock { $0[blobId] = target }
        } catch {
            logger.warning("a profile picture could not be written", metadata: ["error": "\(error)"])
        }
    }
}
