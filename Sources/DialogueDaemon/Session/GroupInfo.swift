import Foundation

/// The plaintext a group's CREATE or REKEY op carries in its encrypted metadata.
struct GroupInfo: Codable, Sendable {
    var name: String
    var avatarBlobId: String?

    var encoded: [UInt8] {
        (try? JSONEncoder().encode(self)).map(Array.init) ?? []
    }

    init(name: String, avatarBlobId: String? = nil) {
        self.name = name
        self.avatarBlobId = avatarBlobId
    }

    init?(bytes: [UInt8]) {
        guard let decoded = try? JSONDecoder().decode(GroupInfo.self, from: Data(bytes)) else { return nil }
        self = decoded
    }
}
