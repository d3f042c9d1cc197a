import DialogueProtocol
import Foundation
import PostgresNIO

extension PostgresServerStore {
    package func createUser(_ user: NewUser, now: Date) async throws(ServerStoreError) -> User {
        try await write { transaction in
            if try await transaction.first("SELECT 1 FROM users WHERE email = \(user.email)", as: Int32.self) != nil {
                throw ServerStoreError.conflict(
                    .emailTaken, "An account with this e-mail already exists: log in instead.")
            }
            let id = Identifier.make(now: now)
            // Two instances racing on one address: the unique key refuses the second, which runs
            // again and finds the account above.
            try await transaction.execute(
                """
                INSERT INTO users (id, email, fullname, bio, password_hash, created_at)
                VALUES (\(id), \(user.email), \(user.fullname), \(user.bio), \(user.passwordHash), \(now.millis))
                """
            )
            guard let created = try await Self.fetchUser(transaction, id: id) else {
                throw ServerStoreError.notFound("The new user")
            }
            // Only the new account's own log, as in the SQLite store.
            try await transaction.append(to: [id], type: .userUpdated, data: EventData(user: created), now: now)
            return created
        }
    }

    package func user(id: String) async throws(ServerStoreError) -> User? {
        try await read { transaction in try await Self.fetchUser(transaction, id: id) }
    }

    package func credentials(email: String) async throws(ServerStoreError) -> (user: User, passwordHash: String)? {
        try await read { transaction in
            try await transaction.first(
                "SELECT \(unescaped: Self.userColumns), password_hash FROM users WHERE email = \(email)",
                as: (String, String, String, String, String?, Int64, Int64?, String).self
            ).map { row in
                (Self.user(from: (row.0, row.1, row.2, row.3, row.4, row.5, row.6)), row.7)
            }
        }
    }

    package func updateProfile(userId: String, change: UpdateProfileRequest, now: Date) async throws(ServerStoreError)
        -> User
    {
        try await write { transaction in
            guard try await Self.fetchUser(transaction, id: userId) != nil else {
                throw ServerStoreError.unknownAccount
            }
            if let avatar = change.avatarBlobId, !avatar.isEmpty {
                try await Self.requireOwnBlob(transaction, id: avatar, ownerId: userId)
            }
            // An empty avatar id removes the picture; a field left out keeps its value.
            let avatar = change.avatarBlobId.map { $0.isEmpty ? nil : $0 }
            try await transaction.execute(
                """
                UPDATE users SET fullname = COALESCE(\(change.fullname), fullname), bio = COALESCE(\(change.bio), bio),
                    avatar_blob_id = CASE WHEN \(avatar != nil) THEN \(avatar ?? nil) ELSE avatar_blob_id END
                WHERE id = \(userId)
                """
            )
            guard let updated = try await Self.fetchUser(transaction, id: userId) else {
                throw ServerStoreError.unknownAccount
            }
            let everyone = try await transaction.all("SELECT id FROM users", as: String.self)
            try await transaction.append(to: everyone, type: .userUpdated, data: EventData(user: updated), now: now)
            return updated
        }
    }

    package func sidebar(for userId: String, online: Set<String>, email: String?) async throws(ServerStoreError)
        -> [SidebarUser]
    {
        try await read { transaction in
            let users =
                if let email {
                    try await transaction.all(
                        """
                        SELECT \(unescaped: Self.userColumns) FROM users
                        WHERE id <> \(userId) AND email = \(email.lowercased())
                        """,
                        as: UserColumns.self)
                } else {
                    try await transaction.all(
                        """
                        SELECT \(unescaped: Self.userColumns) FROM users WHERE id <> \(userId)
                        ORDER BY fullname COLLATE "C", id
                        """,
                        as: UserColumns.self)
                }
            var direct: [String: String] = [:]
            for (conversationId, otherId) in try await transaction.all(
                """
                SELECT c.id, other.user_id FROM conversations c
                JOIN members me ON me.conversation_id = c.id AND me.user_id = \(userId)
                JOIN members other ON other.conversation_id = c.id AND other.user_id <> \(userId)
                WHERE NOT c.is_group
                """,
                as: (String, String).self
            ) {
                direct[otherId] = conversationId
            }
            var unread: [String: Int] = [:]
            for (senderId, count) in try await transaction.all(
                """
                SELECT m.sender_id, COUNT(*) FROM messages m
                JOIN conversations c ON c.id = m.conversation_id AND NOT c.is_group
                JOIN members me ON me.conversation_id = c.id AND me.user_id = \(userId)
                WHERE m.sender_id <> \(userId) AND NOT m.deleted
                  AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.message_id = m.id AND r.user_id = \(userId))
                GROUP BY m.sender_id
                """,
                as: (String, Int64).self
            ) {
                unread[senderId] = Int(count)
            }
            return users.map { row in
                SidebarUser(
                    id: row.0,
                    fullname: row.2,
                    bio: row.3,
                    avatarBlobId: row.4,
                    online: online.contains(row.0),
                    lastSeen: row.6.map(Date.init(millis:)),
                    unread: unread[row.0] ?? 0,
                    conversationId: direct[row.0]
                )
            }
        }
    }

    package func setLastSeen(userId: String, at date: Date) async throws(ServerStoreError) {
        try await write { transaction in
            try await transaction.execute("UPDATE users SET last_seen = \(date.millis) WHERE id = \(userId)")
        }
    }
}
