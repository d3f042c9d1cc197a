import Foundation

/// Epoch secrets a link bundle brought, per conversation, until the conversation's op log is
/// fetched and its session takes them (the new device was in no REKEY before it was linked).
struct LinkedSecrets: Codable, Sendable {
    var secrets: [String: [UInt64: Data]]

    static let metaKey = "link.secrets"
}
