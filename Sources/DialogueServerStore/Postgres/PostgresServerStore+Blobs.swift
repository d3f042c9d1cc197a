import DialogueProtocol
import Foundation
import PostgresNIO

extension PostgresServerStore {
    package func putBlob(ownerId: String, data: Data, now: Date) async throws(ServerStoreError) -> BlobInfo {
        let info = BlobInfo(id: Identifier.make(now: now), size: data.count, sha256: data.sha256Hex)
        try await write { transaction in
            try await transaction.execute(
                """
                INSERT INTO blobs (id, owner_id, size, sha256, data, created_at)
                VALUES (\(info.id), \(ownerId), \(info.size), \(info.sha256), \(data), \(now.millis))
                """
            )
        }
        return info
    }

    package func blob(id: String, for userId: String) async throws(ServerStoreError) -> Data {
        try await read { transaction in
            guard
                let (ownerId, tombstoned, data, shared) = try await transaction.first(
                    """
                    SELECT owner_id, tombstoned, data,
                        EXISTS (
                            SELECT 1 FROM message_blobs b
                            JOIN members me ON me.conversation_id = b.conversation_id AND me.user_id = \(userId)
                            WHERE b.blob_id = \(id)
                        ) OR EXISTS (SELECT 1 FROM users WHERE avatar_blob_id = \(id))
                        OR EXISTS (
                            SELECT 1 FROM conversations c
                            JOIN members me ON me.conversation_id = c.id AND me.user_id = \(userId)
                            WHERE c.avatar_blob_id = \(id)
                        )
                    FROM blobs WHERE id = \(id)
                    """,
                    as: (String, Bool, Data?, Bool).self)
            else { throw ServerStoreError.notFound("The blob") }
            guard ownerId == userId || shared else { throw ServerStoreError.notFound("The blob") }
            guard !tombstoned, let data else {
                throw ServerStoreError.gone(.blobDeleted, "The blob was deleted with its message.")
            }
            return data
        }
    }

    /// Messages and avatars may only reference live blobs their author uploaded.
    static func requireOwnBlob(_ transaction: PostgresTransaction, id: String, ownerId: String) async throws {
        guard
            let (owner, tombstoned) = try await transaction.first(
                "SELECT owner_id, tombstoned FROM blobs WHERE id = \(id)", as: (String, Bool).self),
            owner == ownerId
        else { throw ServerStoreError.notFound("The blob \(id)") }
        guard !tombstoned else { throw ServerStoreError.gone(.blobDeleted, "The blob \(id) was deleted.") }
    }

    static func tombstoneBlobs(_ transaction: PostgresTransaction, conversationId: String) async throws {
        try await transaction.execute(
            """
            UPDATE blobs SET data = NULL, tombstoned = TRUE
            WHERE id IN (SELECT blob_id FROM message_blobs WHERE conversation_id = \(conversationId))
               OR id IN (SELECT avatar_blob_id FROM conversations WHERE id = \(conversationId))
            """
        )
    }
}
