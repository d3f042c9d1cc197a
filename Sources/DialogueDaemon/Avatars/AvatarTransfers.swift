import DialogueStore
import Foundation

/// Avatars. A group's is encrypted like an image message, and its descriptor travels only in the
/// group's encrypted op metadata. A profile picture is public (the server already holds names
/// and bios in the clear, and there is no key distribution for profile data): it is uploaded
/// re-encoded but unencrypted. Either way the file front ends open is written on demand into the
/// runtime directory, never into the data directory.
enum AvatarTransfers {
    /// Avatars are small: longer sides are scaled down to this many pixels.
    static let maxSide = 512

    // MARK: - Group avatars

    /// Reads, downscales and encrypts a group avatar; nothing reaches the server yet.
    static func prepareGroupAvatar(path: String) async throws(DaemonError) -> SealedImage {
        try SealedImage(await SealedImage.prepareImage(at: path, field: "avatarPath", maxSide: maxSide))
    }

    /// Uploads the encrypted avatar and keeps its ciphertext in the blob cache.
    static func uploadGroupAvatar(_ sealed: SealedImage, in session: isolated AccountSession)
        async throws(DaemonError) -> CachedAttachment
    {
        let info = try await DaemonError.converting {
            try await session.client.uploadBlob(sealed.blob, token: session.token)
        }
        var avatar = sealed.attachment
        avatar.blobId = info.id
        if let cached = session.blobs.cachedBlobURL(info.id) { try BlobCache.writePrivate(sealed.blob, to: cached) }
        return avatar
    }

    /// Queues the group's avatar when its blob is not cached; once it lands, front ends get the
    /// conversation again, now with its `avatarUrl`.
    static func fetchGroupAvatar(_ avatar: CachedAttachment, of id: String, in session: isolated AccountSession) async {
        await session.downloads.enqueue(avatar, kind: "a group avatar") { [session] fetched in
            guard fetched else { return }
            await session.publishConversation(id)
        }
    }

    /// Queues the avatars of the groups this account is in whose blob is not cached (a fetch that
    /// failed while the server was away); cached ones cost a file check.
    static func fetchMissingGroupAvatars(in session: isolated AccountSession) async {
        for record in session.book.records.values where !record.removed {
            if let avatar = record.avatar { await fetchGroupAvatar(avatar, of: record.id, in: session) }
        }
    }

    // MARK: - Profile avatars

    /// Reads, downscales and re-encodes a profile picture, uploads it (public, unencrypted) and
    /// keeps a copy in the runtime directory.
    /// - Returns: the blob id for `PUT /api/auth/update-profile`.
    static func uploadProfileAvatar(path: String, in session: isolated AccountSession) async throws(DaemonError)
        -> String
    {
        let image = try await SealedImage.prepareImage(at: path, field: "avatarPath", maxSide: maxSide)
        let info = try await DaemonError.converting {
            try await session.client.uploadBlob(image.data, token: session.token)
        }
        session.blobs.keepProfileAvatar(image.data, mimeType: image.mimeType, blobId: info.id)
        return info.id
    }

    /// `file://` URLs of the profile pictures named by `blobIds`, downloading missing ones (at the
    /// same time) when `download` is set and the server is reachable.
    static func profileAvatarURLs(_ blobIds: Set<String>, download: Bool, in session: isolated AccountSession) async
        -> [String: String]
    {
        let blobs = session.blobs
        let known = blobs.knownProfileAvatarURLs(blobIds)
        let missing = blobIds.filter { known[$0] == nil }
        if download, session.sendFrame != nil, !missing.isEmpty {
            await session.downloads.fetchProfilePictures(missing)
        }
        return blobs.knownProfileAvatarURLs(blobIds)
    }
}
