import DialogueStore
import Foundation

/// The plaintext a group's CREATE, ADD or REKEY op carries in its encrypted metadata: the name and the
/// avatar's descriptor (blob id, key, hash, size, MIME type), so only members can open the avatar.
struct GroupInfo: Codable, Sendable {
    var name: String
    /// The avatar's blob, which the server also knows (members may download it); kept beside
    /// ``avatar`` for daemons that predate the descriptor.
    var avatarBlobId: String?
    /// What opens the encrypted avatar blob; absent for a group without a picture.
    var avatar: CachedAttachment?

    var encoded: [UInt8] {
        (try? JSONEncoder().encode(self)).map(Array.init) ?? []
    }

    init(name: String, avatar: CachedAttachment? = nil, avatarBlobId: String? = nil) {
        self.name = name
        self.avatar = avatar
        self.avatarBlobId = avatar?.blobId ?? avatarBlobId
    }

    init?(bytes: [UInt8]) {
        guard let decoded = try? JSONDecoder().decode(GroupInfo.self, from: Data(bytes)) else { return nil }
        self = decoded
    }
}
