/// The type-specific part of a conversation op, encoded into the signed `vec(payload)`.
package enum OpPayload: Hashable, Sendable {
    /// Why a REKEY was issued; informational, but signed.
    package enum RekeyReason: UInt8, Hashable, Sendable {
        case periodic = 1
        case deviceRevoked = 2
        case memberLeft = 3
        case other = 4
    }

    package static let maxCreateMembers = 1000

    case create(kind: ConversationKind, members: [UserID: Role])
    case add(user: UserID, role: Role, shareHistory: Bool)
    case remove(user: UserID)
    case setRole(user: UserID, role: Role)
    case rekey(reason: RekeyReason)
    case leave

    /// The op-type byte.
    package var typeByte: UInt8 {
        switch self {
        case .create: return 1
        case .add: return 2
        case .remove: return 3
        case .setRole: return 4
        case .rekey: return 5
        case .leave: return 6
        }
    }

    /// Whether this op starts a new epoch (every op except LEAVE).
    package var startsEpoch: Bool { self != .leave }

    package var encoded: [UInt8] {
        var writer = ByteWriter()
        switch self {
        case .create(let kind, let members):
            writer.u8(kind.rawValue)
            writer.u32(UInt32(members.count))
            for (user, role) in members.sorted(by: { $0.key < $1.key }) {
                writer.userID(user)
                writer.u8(role.rawValue)
            }
        case .add(let user, let role, let share):
            writer.userID(user)
            writer.u8(role.rawValue)
            writer.u8(share ? 1 : 0)
        case .remove(let user):
            writer.userID(user)
        case .setRole(let user, let role):
            writer.userID(user)
            writer.u8(role.rawValue)
        case .rekey(let reason):
            writer.u8(reason.rawValue)
        case .leave:
            break
        }
        return writer.bytes
    }

    /// Parses a payload for `type` strictly (sorted unique CREATE members, known enum bytes).
    package init(type: UInt8, parsing bytes: [UInt8]) throws(CryptoError) {
        var reader = ByteReader(bytes)
        switch type {
        case 1:
            guard let kind = ConversationKind(rawValue: try reader.u8()) else {
                throw CryptoError(.invalidEncoding, "unknown conversation kind")
            }
            let count = try reader.count(limit: Self.maxCreateMembers)
            var members: [UserID: Role] = [:]
            var last: UserID?
            for _ in 0..<count {
                let user = try reader.userID()
                if let last, !(last < user) { throw CryptoError(.invalidEncoding, "CREATE members not sorted") }
                last = user
                members[user] = try Role(byte: reader.u8())
            }
            self = .create(kind: kind, members: members)
        case 2:
            let user = try reader.userID()
            let role = try Role(byte: reader.u8())
            let share = try reader.u8()
            guard share <= 1 else { throw CryptoError(.invalidEncoding, "share_history must be 0 or 1") }
            self = .add(user: user, role: role, shareHistory: share == 1)
        case 3:
            self = .remove(user: try reader.userID())
        case 4:
            self = .setRole(user: try reader.userID(), role: try Role(byte: reader.u8()))
        case 5:
            guard let reason = RekeyReason(rawValue: try reader.u8()) else {
                throw CryptoError(.invalidEncoding, "unknown rekey reason")
            }
            self = .rekey(reason: reason)
        case 6:
            self = .leave
        default:
            throw CryptoError(.invalidEncoding, "unknown op type \(type)")
        }
        try reader.finish()
    }
}
