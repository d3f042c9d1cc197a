import DialogueProtocol
import Foundation
import GRDB

extension SQLiteServerStore {
    package func putBlob(ownerId: String, data: Data, now: Date) async throws(ServerStoreError) -> BlobInfo {
        let info = BlobInfo(id: Identifier.make(now: now), size: data.count, sha256: data.sha256Hex)
        try await write { db, _ in
            try db.execute(
                sql: "INSERT INTO blobs (id, owner_id, size, sha256, data, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [info.id, ownerId, info.size, info.sha256, data, now.millis]
            )
        }
        return info
    }

    package func blob(id: String, for userId: String) async throws(ServerStoreError) -> Data {
        try await read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM blobs WHERE id = ?", arguments: [id]) else {
                throw ServerStoreError.notFound("The blob")
            }
            let isOwner = (row["owner_id"] as String) == userId
            let shared =
                try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT EXISTS (
                            SELECT 1 FROM message_blobs b
                            JOIN members me ON me.conversation_id = b.conversation_id AND me.user_id = ?
                            WHERE b.blob_id = ?
                        ) OR EXISTS (SELECT 1 FROM users WHERE avatar_blob_id = ?)
                        OR EXISTS (
                            SELECT 1 FROM conversations c
                            JOIN members me ON me.conversation_id = c.id AND me.user_id = ?
                            WHERE c.avatar_blob_id = ?
                        )
                        """,
                    arguments: [userId, id, id, userId, id]
                ) ?? false
            guard isOwner || shared else { throw ServerStoreError.notFound("The blob") }
            guard !(row["tombstoned"] as Bool), let data = row["data"] as Data? else {
                throw ServerStoreError.gone(.blobDeleted, "The blob was deleted with its message.")
            }
            return data
        }
    }

    /// Messages and avatars may only reference live blobs their author uploaded.
    static func requireOwnBlob(_ db: Database, id: String, ownerId: String) throws {
        guard
            let row = try Row.fetchOne(db, sql: "SELECT owner_id, tombstoned FROM blobs WHERE id = ?", arguments: [id]),
            (row["owner_id"] as String) == ownerId
        else { throw ServerStoreError.notFound("The blob \(id)") }
        guard !(row["tombstoned"] as Bool) else {
            throw ServerStoreError.gone(.blobDeleted, "The blob \(id) was deleted.")
        }
    }

    static func tombstoneBlobs(_ db: Database, conversationId: String) throws {
        try db.execute(
            sql: """
                UPDATE blobs SET data = NULL, tombstoned = 1
                WHERE id IN (SELECT blob_id FROM message_blobs WHERE conversation_id = ?)
                   OR id IN (SELECT avatar_blob_id FROM conversations WHERE id = ?)
                """,
            arguments: [conversationId, conversationId]
        )
    }
}
