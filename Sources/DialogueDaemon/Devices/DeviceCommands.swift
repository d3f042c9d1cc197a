import Crypto
import DialogueCrypto
import DialogueProtocol
import DialogueRPC
import Foundation

/// The `devices.*` methods on a device that holds the account's keys: the account key signs
/// every change of the device list. Revoking one also makes every conversation rekey before its
/// next message, so the revoked device reads nothing new.
enum DeviceCommands {
    /// `devices.list`: this account's devices from the verified directory.
    static func list(in session: isolated AccountSession) async throws(DaemonError) -> [DeviceView] {
        try? await session.ensureKeys(for: [session.me], refresh: true)
        guard let user = try? UserID(session.me), let keys = session.contacts.directory[user] else { return [] }
        return keys.devices.values.sorted { $0.deviceID < $1.deviceID }.map { device in
            DeviceView(
                id: device.deviceID.description, current: device.deviceID == session.deviceKeys.deviceID,
                canReceive: device.sealKey != nil)
        }
    }

    /// `devices.revoke`.
    static func revoke(_ deviceId: String, in session: isolated AccountSession) async throws(DaemonError)
        -> [DeviceView]
    {
        try await session.serialized { () async throws(DaemonError) -> [DeviceView] in
            let current = try await ownDeviceList(in: session)
            guard let revoked = current.devices.first(where: { $0.deviceID.description == deviceId }) else {
                throw DaemonError(.notFound, "This account has no device \(deviceId) (see devices.list)")
            }
            guard revoked.deviceID != session.deviceKeys.deviceID else {
                throw DaemonError(
                    .forbidden, "That is this device: revoke it from another of your devices, or log out here")
            }
            try await publishDeviceList(
                current.devices.filter { $0.deviceID != revoked.deviceID }, after: current, in: session)
            session.logger.notice("revoked a device", metadata: ["dialogue.device": "\(deviceId)"])
            try await rekeyEverywhere(in: session)
            return try await list(in: session)
        }
    }

    /// After a revocation, every conversation we are in starts an epoch without the revoked device
    /// (design notes §2.5). Marked due first, so a conversation this cannot reach now (offline,
    /// a conflict) rekeys before its next message instead.
    private static func rekeyEverywhere(in session: isolated AccountSession) async throws(DaemonError) {
        let ids = session.book.records.values.filter { !$0.removed }.map(\.id)
        for id in ids { session.book.records[id]?.rekeyDue = true }
        do {
            try await session.store.apply(
                messages: [], meta: try ids.map { id throws(DaemonError) in try session.book.write(id) }, cursor: nil)
        } catch let error as DaemonError {
            throw error
        } catch {
            throw DaemonError("Saving the pending rekeys failed", store: error)
        }
        for id in ids {
            do {
                try await ConversationLog.rekeyIfNeeded(id, in: session)
            } catch {
                session.logger.warning(
                    "a rekey after a revocation waits for the next message",
                    metadata: ["dialogue.conversation": "\(id)", "error": "\(error)"])
            }
        }
    }

    /// The account's current device list, freshly fetched and verified against our pin.
    private static func ownDeviceList(in session: isolated AccountSession) async throws(DaemonError) -> DeviceList {
        try await session.ensureKeys(for: [session.me], refresh: true)
        guard let bundle = session.contacts.bundles[session.me],
            let current = try? DeviceList(parsing: Array(bundle.deviceList.data))
        else {
            throw DaemonError(.failed, "This account's device list could not be read from the directory")
        }
        return current
    }

    /// Signs and publishes the next device list, records its version, and refreshes our own keys.
    private static func publishDeviceList(
        _ devices: [DeviceList.Entry], after current: DeviceList, in session: isolated AccountSession
    ) async throws(DaemonError) {
        let version = max(session.identity.deviceListVersion, current.version) + 1
        let list: DeviceList
        do {
            list = try session.accountIdentity.signDeviceList(
                user: session.deviceKeys.user, version: version, issuedAtMs: AccountSession.nowMs(), devices: devices)
        } catch {
            throw DaemonError(.failed, "Signing the device list failed", cause: error)
        }
        _ = try await DaemonError.converting {
            try await session.client.publishDeviceList(
                DeviceListRequest(
                    aik: Bytes(Data(session.accountIdentity.publicKeyBytes)), version: Int64(version),
                    deviceList: Bytes(Data(list.encoded))),
                token: session.token)
        }
        session.identity.deviceListVersion = version
        do {
            try await session.store.setMeta(DeviceIdentity.metaKey, session.identity)
        } catch {
            throw DaemonError("Saving the device list version failed", store: error)
        }
        try await session.ensureKeys(for: [session.me], refresh: true)
    }

    /// `devices.link {code}` on a device that holds the account's keys: finds the waiting device
    /// whose commitment verifies under the code, adds it to the signed device list, and seals it
    /// the account key, the pins and every conversation's epoch secrets with the code as PSK.
    static func link(code: String, in session: isolated AccountSession) async throws(DaemonError) -> DeviceLinkResult {
        let secret: LinkSecret
        do {
            secret = try LinkSecret(code: code)
        } catch {
            throw DaemonError(
                .invalidInput,
                "That is not a link code (\(LinkSecret.codeLength) letters and digits, as the new device shows it)")
        }
        return try await session.serialized { () async throws(DaemonError) -> DeviceLinkResult in
            let candidates = try await DaemonError.converting {
                try await session.client.pendingDevices(token: session.token)
            }.compactMap { record in
                try? DialogueCrypto.PendingDevice(
                    payload: Array(record.payload.data), commitment: Array(record.commitment.data))
            }
            let chosen: DialogueCrypto.PendingDevice
            do {
                chosen = try DialogueCrypto.PendingDevice.select(
                    from: candidates, secret: secret, user: session.deviceKeys.user, nowMs: AccountSession.nowMs())
            } catch {
                throw DaemonError(
                    .notFound,
                    "No device is waiting with that code: check it, or run `dialogue link` on the new device again")
            }
            let newDevice = chosen.certificate.deviceID
            try await add(chosen, in: session)
            let sealed: [UInt8]
            do {
                sealed = try linkBundle(in: session).seal(
                    user: session.deviceKeys.user, from: session.deviceKeys.deviceID, to: chosen, secret: secret)
            } catch {
                throw DaemonError(.failed, "Sealing the link bundle failed", cause: error)
            }
            try await DaemonError.converting {
                try await session.client.postMailbox(
                    MailboxRequest(fromDeviceId: session.deviceId, payload: Bytes(Data(sealed))),
                    to: newDevice.description, token: session.token)
            }
            try? await session.client.removePendingDevice(newDevice.description, token: session.token)
            session.logger.notice("linked a device", metadata: ["dialogue.device": "\(newDevice)"])
            return DeviceLinkResult(deviceId: newDevice.description, devices: try await list(in: session))
        }
    }

    /// Adds the waiting device to the signed device list, unless it is on it already.
    private static func add(_ chosen: DialogueCrypto.PendingDevice, in session: isolated AccountSession)
        async throws(DaemonError)
    {
        let current = try await ownDeviceList(in: session)
        guard !current.devices.contains(where: { $0.deviceID == chosen.certificate.deviceID }) else { return }
        guard current.devices.count < DeviceList.maxDevices else {
            throw DaemonError(.forbidden, "This account already has \(DeviceList.maxDevices) devices: revoke one first")
        }
        let entry: DeviceList.Entry
        do {
            entry = DeviceList.Entry(
                identityKey: try Ed25519.publicKey(chosen.identityKey), addedAtMs: AccountSession.nowMs())
        } catch {
            throw DaemonError(.forbidden, "The waiting device's key is unusable", cause: error)
        }
        try await publishDeviceList(current.devices + [entry], after: current, in: session)
    }

    /// What a new device needs to be this account: the account key, the contacts' pins and, for
    /// every conversation, its head and the epoch secrets this device holds.
    private static func linkBundle(in session: isolated AccountSession) -> LinkBundle {
        LinkBundle(
            account: session.accountIdentity,
            pins: session.contacts.linkPins(excluding: session.deviceKeys.user),
            conversations: session.book.linkKeys)
    }
}
