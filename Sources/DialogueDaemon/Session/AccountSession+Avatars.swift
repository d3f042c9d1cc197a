import DialogueStore
import Foundation

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
        try SealedImage(await SealedImage.prepareImage(at: path, field: "avatarPath", maxSide: Self.avatarMaxSide))
    }

    /// Uploads the encrypted avatar and keeps its ciphertext in the blob cache.
    func uploadGroupAvatar(_ sealed: SealedImage) async throws(DaemonError) -> CachedAttachment {
        let info = try await client.uploadBlob(sealed.blob, token: token)
        var avatar = sealed.attachment
        avatar.blobId = info.id
        if let cached = blobs.cachedBlobURL(info.id) { try BlobCache.writePrivate(sealed.blob, to: cached) }
        return avatar
    }

    /// Queues the group's avatar when its blob is not cached; once it lands, front ends get the
    /// conversation again, now with its `avatarUrl`.
    func fetchGroupAvatar(_ avatar: CachedAttachment, of id: String) async {
        await downloads.enqueue(avatar, kind: "a group avatar") { fetched in
            guard fetched else { return }
            await self.publishConversation(id)
        }
    }

    /// Queues the avatars of the groups this account is in whose blob is not cached (a fetch that
    /// failed while the server was away); cached ones cost a file check.
    func fetchMissingGroupAvatars() async {
        for record in book.records.values where !record.removed {
            if let avatar = record.avatar { await fetchGroupAvatar(avatar, of: record.id) }
        }
    }

    // MARK: - Profile avatars

    /// Reads, downscales and re-encodes a profile picture, uploads it (public, unencrypted) and
    /// keeps a copy in the runtime directory.
    /// - Returns: the blob id for `PUT /api/auth/update-profile`.
    func uploadProfileAvatar(path: String) async throws(DaemonError) -> String {
        let image = try await SealedImage.prepareImage(at: path, field: "avatarPath", maxSide: Self.avatarMaxSide)
        let info = try await client.uploadBlob(image.data, token: token)
        blobs.keepProfileAvatar(image.data, mimeType: image.mimeType, blobId: info.id)
        return info.id
    }

    /// `file://` URLs of the profile pictures named by `blobIds`, downloading missing ones (at the
    /// same time) when `download` is set and the server is reachable.
    func profileAvatarURLs(_ blobIds: Set<String>, download: Bool) async -> [String: String] {
        let known = blobs.knownProfileAvatarURLs(blobIds)
        let missing = blobIds.filter { known[$0] == nil }
        if download, sendFrame != nil, !missing.isEmpty { await downloads.fetchProfilePictures(missing) }
        return blobs.knownProfileAvatarURLs(blobIds)
    }

    /// `file://` URLs of the profile pictures named by `blobIds` that are already here.
    nonisolated func knownProfileAvatarURLs(_ blobIds: Set<String>) -> [String: String] {
        blobs.knownProfileAvatarURLs(blobIds)
    }
}
