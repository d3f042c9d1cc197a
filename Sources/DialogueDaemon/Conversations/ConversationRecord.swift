import DialogueStore
import Foundation

/// Everything the daemon keeps about one conversation (sealed in the cache): the verified op
/// log, the epoch secrets this device holds and its send counters. Members and the admin come from
/// the verified roster, never from the server's say-so.
struct ConversationRecord: Codable, Sendable {
    var id: String
    var isGroup: Bool
    var createdAt: Date
    /// Signed ops in log order, verified again when the session is restored.
    var ops: [Data]
    var epochSecrets: [UInt64: Data]
    var sendCounters: [UInt64: UInt64]
    /// Group title decrypted from the newest op carrying metadata.
    var name: String?
    var avatarBlobId: String?
    /// What opens the encrypted group avatar (its ciphertext sits in the blob cache); optional so
    /// records saved before avatars decode.
    var avatar: CachedAttachment?
    var muted: Bool
    /// This user is no longer a member (removed or left); history stays readable.
    var removed: Bool
    /// Set when one of our devices was revoked: a REKEY is due whatever the policy sees, since a
    /// device that got its secrets by linking is in no epoch's recipients. Cleared once published.
    var rekeyDue: Bool?

    static func metaKey(_ id: String) -> String { "conversation.\(id)" }
}
