import Crypto

/// A user's device list, signed by the account identity key:
/// `Sign(AIK, "device-list", vec(user_id) ‖ aik_pub ‖ u64(version) ‖ u64(issued_at_ms) ‖ u32(n) ‖
///  n×(device_id ‖ ik_pub ‖ u64(added_at_ms)))`.
///
/// Entries are sorted by device id with no duplicates, so the encoding is canonical. The server can
/// store and serve it but not forge it; receivers refuse lower versions (rollback).
package struct DeviceList: Hashable, Sendable {
    package static let maxDevices = 64

    /// One device of the list.
    package struct Entry: Hashable, Sendable {
        package let deviceID: DeviceID
        package let identityKey: [UInt8]
        package let addedAtMs: UInt64

        package init(identityKey: Curve25519.Signing.PublicKey, addedAtMs: UInt64) {
            deviceID = DeviceID(identityKey: identityKey)
            self.identityKey = Array(identityKey.rawRepresentation)
            self.addedAtMs = addedAtMs
        }

        fileprivate init(deviceID: DeviceID, identityKey: [UInt8], addedAtMs: UInt64) {
            self.deviceID = deviceID
            self.identityKey = identityKey
            self.addedAtMs = addedAtMs
        }
    }

    package let user: UserID
    package let accountKey: [UInt8]
    package let version: UInt64
    package let issuedAtMs: UInt64
    package let devices: [Entry]
    package let signature: [UInt8]

    init(
        user: UserID, accountKey: [UInt8], version: UInt64, issuedAtMs: UInt64, devices: [Entry],
        signature: [UInt8]
    ) throws(CryptoError) {
        guard devices.count <= Self.maxDevices else {
            throw CryptoError(.lengthTooLarge, "more than \(Self.maxDevices) devices")
        }
        self.user = user
        self.accountKey = accountKey
        self.version = version
        self.issuedAtMs = issuedAtMs
        self.devices = devices.sorted { $0.deviceID < $1.deviceID }
        self.signature = signature
        guard Set(self.devices.map(\.deviceID)).count == self.devices.count else {
            throw CryptoError(.invalidEncoding, "duplicate device in list")
        }
    }

    /// The signed bytes.
    package var body: [UInt8] {
        var writer = ByteWriter(capacity: 64 + devices.count * 56)
        writer.userID(user)
        writer.fixed(accountKey)
        writer.u64(version)
        writer.u64(issuedAtMs)
        writer.u32(UInt32(devices.count))
        for device in devices {
            writer.fixed(device.deviceID.bytes)
            writer.fixed(device.identityKey)
            writer.u64(device.addedAtMs)
        }
        return writer.bytes
    }

    /// Wire form: body followed by the signature.
    package var encoded: [UInt8] { body + signature }

    /// Parses strictly: sorted unique device ids, each matching its key, no trailing bytes.
    package init(parsing bytes: [UInt8]) throws(CryptoError) {
        var reader = ByteReader(bytes)
        let user = try reader.userID()
        let accountKey = try reader.fixed(Ed25519.publicKeySize)
        let version = try reader.u64()
        let issuedAt = try reader.u64()
        let count = try reader.count(limit: Self.maxDevices)
        var entries: [Entry] = []
        for _ in 0..<count {
            let id = try reader.deviceID()
            let key = try reader.fixed(Ed25519.publicKeySize)
            let added = try reader.u64()
            guard DeviceID(identityKey: try Ed25519.publicKey(key)) == id else {
                throw CryptoError(.invalidKey, "device id does not match its identity key")
            }
            if let last = entries.last, !(last.deviceID < id) {
                throw CryptoError(.invalidEncoding, "device list is not sorted by device id")
            }
            entries.append(Entry(deviceID: id, identityKey: key, addedAtMs: added))
        }
        let signature = try reader.fixed(Ed25519.signatureSize)
        try reader.finish()
        try self.init(
            user: user, accountKey: accountKey, version: version, issuedAtMs: issuedAt, devices: entries,
            signature: signature)
    }

    /// Verifies the AIK signature (the key embedded in the list; pinning is the caller's job).
    package func verifySignature() throws(CryptoError) {
        try Ed25519.verify(signature, over: body, purpose: .signDeviceList, with: Ed25519.publicKey(accountKey))
    }
}
