import DialogueProtocol
import Foundation
import GRDB

extension SQLiteServerStore {
    package func publishDeviceList(userId: String, request: DeviceListRequest, now: Date) async throws(ServerStoreError)
        -> KeyBundle
    {
        try await write { db, events in
            try StoreRules.checkDeviceListVersion(
                request.version,
                current: try Int64.fetchOne(
                    db, sql: "SELECT device_list_version FROM identities WHERE user_id = ?", arguments: [userId])
            )
            try db.execute(
                sql: """
                    INSERT INTO identities (user_id, aik, device_list, device_list_version, updated_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(user_id) DO UPDATE SET aik = excluded.aik, device_list = excluded.device_list,
                        device_list_version = excluded.device_list_version, updated_at = excluded.updated_at
                    """,
                arguments: [userId, request.aik.data, request.deviceList.data, request.version, now.millis]
            )
            try Self.announceKeys(db, userId: userId, events: &events, now: now)
            return try Self.fetchKeyBundle(db, userId: userId)
        }
    }

    package func publishSealCertificate(userId: String, deviceId: String, cert: Bytes, now: Date)
        async throws(ServerStoreError) -> KeyBundle
    {
        try await write { db, events in
            try db.execute(
                sql: """
                    INSERT INTO device_certs (user_id, device_id, cert, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(user_id, device_id) DO UPDATE SET cert = excluded.cert, updated_at = excluded.updated_at
                    """,
                arguments: [userId, deviceId, cert.data, now.millis]
            )
            try Self.announceKeys(db, userId: userId, events: &events, now: now)
            return try Self.fetchKeyBundle(db, userId: userId)
        }
    }

    package func keyBundle(userId: String) async throws(ServerStoreError) -> KeyBundle {
        try await read { db in try Self.fetchKeyBundle(db, userId: userId) }
    }

    package func addPendingDevice(userId: String, request: PendingDeviceRequest, now: Date)
        async throws(ServerStoreError) -> PendingDevice
    {
        try await write { db, events in
            try db.execute(
                sql: """
                    INSERT INTO pending_devices (user_id, device_id, commitment, payload, created_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(user_id, device_id) DO UPDATE SET commitment = excluded.commitment,
                        payload = excluded.payload, created_at = excluded.created_at
                    """,
                arguments: [userId, request.deviceId, request.commitment.data, request.payload.data, now.millis]
            )
            try events.append(
                db,
                to: [userId],
                type: .devicePending,
                data: EventData(userId: userId, deviceId: request.deviceId),
                now: now
            )
            return request.pendingDevice(at: now)
        }
    }

    package func pendingDevices(userId: String) async throws(ServerStoreError) -> [PendingDevice] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM pending_devices WHERE user_id = ? ORDER BY created_at",
                arguments: [userId]
            ).map { row in
                PendingDevice(
                    deviceId: row["device_id"],
                    commitment: Bytes(row["commitment"]),
                    payload: Bytes(row["payload"]),
                    createdAt: Date(millis: row["created_at"])
                )
            }
        }
    }

    package func removePendingDevice(userId: String, deviceId: String) async throws(ServerStoreError) {
        try await write { db, _ in
            try db.execute(
                sql: "DELETE FROM pending_devices WHERE user_id = ? AND device_id = ?",
                arguments: [userId, deviceId]
            )
            guard db.changesCount > 0 else { throw ServerStoreError.notFound("The pending device") }
        }
    }

    package func postMailbox(userId: String, deviceId: String, request: MailboxRequest, now: Date)
        async throws(ServerStoreError) -> MailboxItem
    {
        try await write { db, events in
            let item = request.item(for: deviceId, at: now)
            try db.execute(
                sql: """
                    INSERT INTO mailbox (id, user_id, device_id, from_device_id, payload, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [item.id, userId, deviceId, item.fromDeviceId, item.payload.data, now.millis]
            )
            try events.append(
                db,
                to: [userId],
                type: .deviceBundle,
                data: EventData(userId: userId, deviceId: deviceId, mailboxItemId: item.id),
                now: now
            )
            return item
        }
    }

    package func mailbox(userId: String, deviceId: String) async throws(ServerStoreError) -> [MailboxItem] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM mailbox WHERE user_id = ? AND device_id = ? ORDER BY created_at, id",
                arguments: [userId, deviceId]
            ).map { row in
                MailboxItem(
                    id: row["id"],
                    deviceId: row["device_id"],
                    fromDeviceId: row["from_device_id"],
                    payload: Bytes(row["payload"]),
                    createdAt: Date(millis: row["created_at"])
                )
            }
        }
    }

    package func deleteMailboxItem(userId: String, deviceId: String, itemId: String) async throws(ServerStoreError) {
        try await write { db, _ in
            try db.execute(
                sql: "DELETE FROM mailbox WHERE user_id = ? AND device_id = ? AND id = ?",
                arguments: [userId, deviceId, itemId]
            )
            guard db.changesCount > 0 else { throw ServerStoreError.notFound("The mailbox item") }
        }
    }

    static func fetchKeyBundle(_ db: Database, userId: String) throws -> KeyBundle {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM identities WHERE user_id = ?", arguments: [userId])
        else { throw ServerStoreError.notFound("Published keys for this user") }
        let devices = try Row.fetchAll(
            db,
            sql: "SELECT * FROM device_certs WHERE user_id = ? ORDER BY device_id",
            arguments: [userId]
        ).map { row in
            DeviceCertificate(
                deviceId: row["device_id"], cert: Bytes(row["cert"]), updatedAt: Date(millis: row["updated_at"]))
        }
        return KeyBundle(
            userId: userId,
            aik: Bytes(row["aik"]),
            deviceListVersion: row["device_list_version"],
            deviceList: Bytes(row["device_list"]),
            devices: devices,
            updatedAt: Date(millis: row["updated_at"])
        )
    }

    /// Tells the user's own devices and everyone who shares a conversation with them to refetch keys.
    static func announceKeys(_ db: Database, userId: String, events: inout EventRecorder, now: Date) throws {
        let peers = try String.fetchAll(
            db,
            sql: """
                SELECT DISTINCT other.user_id FROM members mine
                JOIN members other ON other.conversation_id = mine.conversation_id
                WHERE mine.user_id = ?
                """,
            arguments: [userId]
        )
        try events.append(db, to: peers + [userId], type: .keysUpdated, data: EventData(userId: userId), now: now)
    }
}
