/// The members of a conversation after some op, with their roles, pinned identity keys' owners and
/// the seq at which they joined (for the "longest-standing member becomes admin" rule).
package struct Roster: Hashable, Sendable {
    /// One member.
    package struct Member: Hashable, Sendable {
        package var role: Role
        package var joinedSeq: UInt64
    }

    package private(set) var members: [UserID: Member] = [:]

    package init() {}

    package func contains(_ user: UserID) -> Bool { members[user] != nil }
    package func role(of user: UserID) -> Role? { members[user]?.role }
    package func isAdmin(_ user: UserID) -> Bool { members[user]?.role == .admin }
    package var users: [UserID] { members.keys.sorted() }
    package var count: Int { members.count }

    package mutating func set(_ user: UserID, role: Role, joinedSeq: UInt64) {
        members[user] = Member(role: role, joinedSeq: joinedSeq)
    }

    package mutating func setRole(_ user: UserID, _ role: Role) { members[user]?.role = role }
    package mutating func remove(_ user: UserID) { members[user] = nil }

    /// When a group has members but no admin left, the longest-standing member (lowest join seq,
    /// ties broken by user id bytes) becomes admin: a deterministic rule over the verified log, so
    /// every client and the server agree without anyone deciding.
    package mutating func promoteLongestStandingIfNoAdmin() {
        guard !members.isEmpty, !members.values.contains(where: { $0.role == .admin }) else { return }
        let senior = members.min { lhs, rhs in
            (lhs.value.joinedSeq, lhs.key) < (rhs.value.joinedSeq, rhs.key)
        }
        if let senior { members[senior.key]?.role = .admin }
    }

    /// `SHA-256(L("roster") ‖ u32(n) ‖ sorted-by-user_id n×(vec(user_id) ‖ u8(role) ‖ aik_pub))`,
    /// computed with the verifier's own pinned identity keys.
    /// - Throws: ``CryptoError/Code/rosterMismatch`` when a member has no pinned key.
    package func hash(accountKeys: (UserID) -> [UInt8]?) throws(CryptoError) -> [UInt8] {
        var writer = ByteWriter(capacity: 16 + members.count * 80)
        writer.label(.roster)
        writer.u32(UInt32(members.count))
        for (user, member) in members.sorted(by: { $0.key < $1.key }) {
            guard let key = accountKeys(user) else {
                throw CryptoError(.rosterMismatch, "no verified identity key for member \(user)")
            }
            writer.userID(user)
            writer.u8(member.role.rawValue)
            writer.fixed(key)
        }
        return KeyDerivation.sha256(writer.bytes)
    }
}
