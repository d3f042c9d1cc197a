import DialogueProtocol
import Foundation
import GRDB

extension SQLiteServerStore {
    package func createUser(_ user: NewUser, now: Date) async throws(ServerStoreError) -> User {
        try await write { db, events in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE email = ?", arguments: [user.email]) == true {
                throw ServerStoreError.conflict(
                    .emailTaken, "An account with this e-mail already exists: log in instead.")
            }
            let id = Identifier.make(now: now)
            try db.execute(
                sql: """
                    INSERT INTO users (id, email, fullname, bio, password_hash, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [id, user.email, user.fullname, user.bio, user.passwordHash, now.millis]
            )
            guard let created = try Self.fetchUser(db, id: id) else { throw ServerStoreError.notFound("The new user") }
            // Only the new account's own log: fanning every sign-up out to every user would cost
            // O(users²) rows; others see newcomers in the users list they fetch on connect.
            try events.append(db, to: [id], type: .userUpdated, data: EventData(user: created), now: now)
            return created
        }
    }

    package func user(id: String) async throws(ServerStoreError) -> User? {
        try await read { db in try Self.fetchUser(db, id: id) }
    }

    package func credentials(email: String) async throws(ServerStoreError) -> (user: User, passwordHash: String)? {
        try await read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM users WHERE email = ?", arguments: [email]) else {
                return nil
            }
            return (Self.user(from: row), row["password_hash"])
        }
    }

    package func updateProfile(userId: String, change: UpdateProfileRequest, now: Date) async throws(ServerStoreError)
        -> User
    {
        try await write { db, events in
            guard try Self.fetchUser(db, id: userId) != nil else { throw ServerStoreError.unknownAccount }
            if let fullname = change.fullname {
                try db.execute(sql: "UPDATE users SET fullname = ? WHERE id = ?", arguments: [fullname, userId])
            }
            if let bio = change.bio {
                try db.execute(sql: "UPDATE users SET bio = ? WHERE id = ?", arguments: [bio, userId])
            }
            if let avatar = change.avatarBlobId {
                // An empty id removes the picture.
                if !avatar.isEmpty { try Self.requireOwnBlob(db, id: avatar, ownerId: userId) }
                try db.execute(
                    sql: "UPDATE users SET avatar_blob_id = ? WHERE id = ?",
                    arguments: [avatar.isEmpty ? nil : avatar, userId]
                )
            }
            guard let updated = try Self.fetchUser(db, id: userId) else { throw ServerStoreError.unknownAccount }
            let everyone = try String.fetchAll(db, sql: "SELECT id FROM users")
            try events.append(db, to: everyone, type: .userUpdated, data: EventData(user: updated), now: now)
            return updated
        }
    }

    package func sidebar(for userId: String, online: Set<String>, email: String?) async throws(ServerStoreError)
        -> [SidebarUser]
    {
        try await read { db in
            let users =
                try email.map { address in
                    try Row.fetchAll(
                        db, sql: "SELECT * FROM users WHERE id != ? AND email = ?",
                        arguments: [userId, address.lowercased()])
                }
                ?? Row.fetchAll(db, sql: "SELECT * FROM users WHERE id != ? ORDER BY fullname, id", arguments: [userId])
            var direct: [String: String] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT c.id AS cid, other.user_id AS uid FROM conversations c
                    JOIN members me ON me.conversation_id = c.id AND me.user_id = ?
                    JOIN members other ON other.conversation_id = c.id AND other.user_id != ?
                    WHERE c.is_group = 0
                    """,
                arguments: [userId, userId]
            ) {
                direct[row["uid"]] = row["cid"]
            }
            var unread: [String: Int] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT m.sender_id AS uid, COUNT(*) AS n FROM messages m
                    JOIN conversations c ON c.id = m.conversation_id AND c.is_group = 0
                    JOIN members me ON me.conversation_id = c.id AND me.user_id = ?
                    WHERE m.sender_id != ? AND m.deleted = 0
                      AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.message_id = m.id AND r.user_id = ?)
                    GROUP BY m.sender_id
                    """,
                arguments: [userId, userId, userId]
            ) {
                unread[row["uid"]] = row["n"]
            }
            return users.map { row in
                let id: String = row["id"]
                return SidebarUser(
                    id: id,
                    fullname: row["fullname"],
                    bio: row["bio"],
                    avatarBlobId: row["avatar_blob_id"],
                    online: online.contains(id),
                    lastSeen: (row["last_seen"] as Int64?).map(Date.init(millis:)),
                    unread: unread[id] ?? 0,
                    conversationId: direct[id]
                )
            }
        }
    }

    package func setLastSeen(userId: String, at date: Date) async throws(ServerStoreError) {
        try await write { db, _ in
            try db.execute(sql: "UPDATE users SET last_seen = ? WHERE id = ?", arguments: [date.millis, userId])
        }
    }
}
