import DialogueProtocol
import Foundation
import PostgresNIO

extension PostgresServerStore {
    package func publishDeviceList(userId: String, request: DeviceListRequest, now: Date) async throws(ServerStoreError)
        -> KeyBundle
    {
        try await write { transaction in
            // The user's row lock orders two instances publishing for the same account.
            try await transaction.execute("SELECT 1 FROM users WHERE id = \(userId) FOR UPDATE")
            try StoreRules.checkDeviceListVersion(
                request.version,
                current: try await transaction.first(
                    "SELECT device_list_version FROM identities WHERE user_id = \(userId)", as: Int64.self)
            )
            try await transaction.execute(
                """
                INSERT INTO identities (user_id, aik, device_list, device_list_version, updated_at)
                VALUES (\(userId), \(request.aik.data), \(request.deviceList.data), \(request.version), \(now.millis))
                ON CONFLICT (user_id) DO UPDATE SET aik = excluded.aik, device_list = excluded.device_list,
                    device_list_version = excluded.device_list_version, updated_at = excluded.updated_at
                """
            )
            try await Self.announceKeys(transaction, userId: userId, now: now)
            return try await Self.fetchKeyBundle(transaction, userId: userId)
        }
    }

    package func publishSealCertificate(userId: String, deviceId: String, cert: Bytes, now: Date)
        async throws(ServerStoreError) -> KeyBundle
    {
        try await write { transaction in
            try await transaction.execute(
                """
                INSERT INTO device_certs (user_id, device_id, cert, updated_at)
                VALUES (\(userId), \(deviceId), \(cert.data), \(now.millis))
                ON CONFLICT (user_id, device_id) DO UPDATE SET cert = excluded.cert, updated_at = excluded.updated_at
                """
            )
            try await Self.announceKeys(transaction, userId: userId, now: now)
            return try await Self.fetchKeyBundle(transaction, userId: userId)
        }
    }

    package func keyBundle(userId: String) async throws(ServerStoreError) -> KeyBundle {
        try await read { transaction in try await Self.fetchKeyBundle(transaction, userId: userId) }
    }

    package func addPendingDevice(userId: String, request: PendingDeviceRequest, now: Date)
        async throws(ServerStoreError) -> PendingDevice
    {
        try await write { transaction in
            try await transaction.execute(
                """
                INSERT INTO pending_devices (user_id, device_id, commitment, payload, created_at)
                VALUES (\(userId), \(request.deviceId), \(request.commitment.data), \(request.payload.data),
                    \(now.millis))
                ON CONFLICT (user_id, device_id) DO UPDATE SET commitment = excluded.commitment,
                    payload = excluded.payload, created_at = excluded.created_at
                """
            )
            try await transaction.append(
                to: [userId],
                type: .devicePending,
                data: EventData(userId: userId, deviceId: request.deviceId),
                now: now
            )
            return request.pendingDevice(at: now)
        }
    }

    package func pendingDevices(userId: String) async throws(ServerStoreError) -> [PendingDevice] {
        try await read { transaction in
            try await transaction.all(
                """
                SELECT device_id, commitment, payload, created_at FROM pending_devices WHERE user_id = \(userId)
                ORDER BY created_at
                """,
                as: (String, Data, Data, Int64).self
            ).map { row in
                PendingDevice(
                    deviceId: row.0, commitment: Bytes(row.1), payload: Bytes(row.2), createdAt: Date(millis: row.3))
            }
        }
    }

    package func removePendingDevice(userId: String, deviceId: String) async throws(ServerStoreError) {
        try await write { transaction in
            let removed = try await transaction.execute(
                "DELETE FROM pending_devices WHERE user_id = \(userId) AND device_id = \(deviceId) RETURNING 1")
            guard removed > 0 else { throw ServerStoreError.notFound("The pending device") }
        }
    }

    package func postMailbox(userId: String, deviceId: String, request: MailboxRequest, now: Date)
        async throws(ServerStoreError) -> MailboxItem
    {
        try await write { transaction in
            let item = request.item(for: deviceId, at: now)
            try await transaction.execute(
                """
                INSERT INTO mailbox (id, user_id, device_id, from_device_id, payload, created_at)
                VALUES (\(item.id), \(userId), \(deviceId), \(item.fromDeviceId), \(item.payload.data), \(now.millis))
                """
            )
            try await transaction.append(
                to: [userId],
                type: .deviceBundle,
                data: EventData(userId: userId, deviceId: deviceId, mailboxItemId: item.id),
                now: now
            )
            return item
        }
    }

    package func mailbox(userId: String, deviceId: String) async throws(ServerStoreError) -> [MailboxItem] {
        try await read { transaction in
            try await transaction.all(
                """
                SELECT id, device_id, from_device_id, payload, created_at FROM mailbox
                WHERE user_id = \(userId) AND device_id = \(deviceId) ORDER BY created_at, id
                """,
                as: (String, String, String, Data, Int64).self
            ).map { row in
                MailboxItem(
                    id: row.0, deviceId: row.1, fromDeviceId: row.2, payload: Bytes(row.3),
                    createdAt: Date(millis: row.4))
            }
        }
    }

    package func deleteMailboxItem(userId: String, deviceId: String, itemId: String) async throws(ServerStoreError) {
        try await write { transaction in
            let removed = try await transaction.execute(
                """
                DELETE FROM mailbox WHERE user_id = \(userId) AND device_id = \(deviceId) AND id = \(itemId)
                RETURNING 1
                """
            )
            guard removed > 0 else { throw ServerStoreError.notFound("The mailbox item") }
        }
    }

    static func fetchKeyBundle(_ transaction: PostgresTransaction, userId: String) async throws -> KeyBundle {
        guard
            let identity = try await transaction.first(
                "SELECT aik, device_list_version, device_list, updated_at FROM identities WHERE user_id = \(userId)",
                as: (Data, Int64, Data, Int64).self)
        else { throw ServerStoreError.notFound("Published keys for this user") }
        let devices = try await transaction.all(
            """
            SELECT device_id, cert, updated_at FROM device_certs WHERE user_id = \(userId)
            ORDER BY device_id COLLATE "C"
            """,
            as: (String, Data, Int64).self
        ).map { row in DeviceCertificate(deviceId: row.0, cert: Bytes(row.1), updatedAt: Date(millis: row.2)) }
        return KeyBundle(
            userId: userId,
            aik: Bytes(identity.0),
            deviceListVersion: identity.1,
            deviceList: Bytes(identity.2),
            devices: devices,
            updatedAt: Date(millis: identity.3)
        )
    }

    /// Tells the user's own devices and everyone who shares a conversation with them to refetch keys.
    static func announceKeys(_ transaction: PostgresTransaction, userId: String, now: Date) async throws {
        let peers = try await transaction.all(
            """
            SELECT DISTINCT other.user_id FROM members mine
            JOIN members other ON other.conversation_id = mine.conversation_id
            WHERE mine.user_id = \(userId)
            """,
            as: String.self
        )
        try await transaction.append(
            to: peers + [userId], type: .keysUpdated, data: EventData(userId: userId), now: now)
    }
}
