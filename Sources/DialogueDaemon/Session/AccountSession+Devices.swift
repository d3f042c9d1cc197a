import Crypto
import DialogueCrypto
import DialogueProtocol
import DialogueRPC
import Foundation

/// This account's devices: the account key signs every change of the device list. Revoking one
/// also makes every conversation rekey before its next message, so the revoked device reads
/// nothing new.
extension AccountSession {
    /// `devices.revoke`.
    package func revokeDevice(_ deviceId: String) async throws(DaemonError) -> [DeviceView] {
        try await serialized { () async throws(DaemonError) -> [DeviceView] in
            let current = try await ownDeviceList()
            guard let revoked = current.devices.first(where: { $0.deviceID.description == deviceId }) else {
                throw DaemonError(.notFound, "This account has no device \(deviceId) (see devices.list)")
            }
            guard revoked.deviceID != deviceKeys.deviceID else {
                throw DaemonError(
                    .forbidden, "That is this device: revoke it from another of your devices, or log out here")
            }
            try await publishDeviceList(current.devices.filter { $0.deviceID != revoked.deviceID }, after: current)
            logger.notice("revoked a device", metadata: ["dialogue.device": "\(deviceId)"])
            try await rekeyEverywhere()
            return try await devices()
        }
    }

    /// After a revocation, every conversation we are in starts an epoch without the revoked device
    /// (design notes §2.5). Marked due first, so a conversation this cannot reach now (offline,
    /// a conflict) rekeys before its next message instead.
    private func rekeyEverywhere() async throws(DaemonError) {
        let ids = book.records.values.filter { !$0.removed }.map(\.id)
        for id in ids { book.records[id]?.rekeyDue = true }
        do {
            try await store.apply(
                messages: [], meta: try ids.map { id throws(DaemonError) in try book.write(id) }, cursor: nil)
        } catch let error as DaemonError {
            throw error
        } catch {
            throw DaemonError("Saving the pending rekeys failed", store: error)
        }
        for id in ids {
            do {
                try await rekeyIfNeeded(id)
            } catch {
                logger.warning(
                    "a rekey after a revocation waits for the next message",
                    metadata: ["dialogue.conversation": "\(id)", "error": "\(error)"])
            }
        }
    }

    /// The account's current device list, freshly fetched and verified against our pin.
    func ownDeviceList() async throws(DaemonError) -> DeviceList {
        try await ensureKeys(for: [me], refresh: true)
        guard let bundle = contacts.bundles[me], let current = try? DeviceList(parsing: Array(bundle.deviceList.data))
        else {
            throw DaemonError(.failed, "This account's device list could not be read from the directory")
        }
        return current
    }

    /// Signs and publishes the next device list, records its version, and refreshes our own keys.
    func publishDeviceList(_ devices: [DeviceList.Entry], after current: DeviceList) async throws(DaemonError) {
        let version = max(identity.deviceListVersion, current.version) + 1
        let list: DeviceList
        do {
            list = try accountIdentity.signDeviceList(
                user: deviceKeys.user, version: version, issuedAtMs: Self.nowMs(), devices: devices)
        } catch {
            throw DaemonError(.failed, "Signing the device list failed", cause: error)
        }
        _ = try await client.publishDeviceList(
            DeviceListRequest(
                aik: Bytes(Data(accountIdentity.publicKeyBytes)), version: Int64(version),
                deviceList: Bytes(Data(list.encoded))),
            token: token)
        identity.deviceListVersion = version
        do {
            try await store.setMeta(DeviceIdentity.metaKey, identity)
        } catch {
            throw DaemonError("Saving the device list version failed", store: error)
        }
        try await ensureKeys(for: [me], refresh: true)
    }

    /// `devices.link {code}` on a device that holds the account's keys: finds the waiting device
    /// whose commitment verifies under the code, adds it to the signed device list, and seals it
    /// the account key, the pins and every conversation's epoch secrets with the code as PSK.
    package func linkDevice(code: String) async throws(DaemonError) -> DeviceLinkResult {
        let secret: LinkSecret
        do {
            secret = try LinkSecret(code: code)
        } catch {
            throw DaemonError(
                .invalidInput,
                "That is not a link code (\(LinkSecret.codeLength) letters and digits, as the new device shows it)")
        }
        return try await serialized { () async throws(DaemonError) -> DeviceLinkResult in
            let candidates = try await client.pendingDevices(token: token).compactMap { record in
                try? DialogueCrypto.PendingDevice(
                    payload: Array(record.payload.data), commitment: Array(record.commitment.data))
            }
            let chosen: DialogueCrypto.PendingDevice
            do {
                chosen = try DialogueCrypto.PendingDevice.select(
                    from: candidates, secret: secret, user: deviceKeys.user, nowMs: Self.nowMs())
            } catch {
                throw DaemonError(
                    .notFound,
                    "No device is waiting with that code: check it, or run `dialogue link` on the new device again")
            }
            let newDevice = chosen.certificate.deviceID
            let current = try await ownDeviceList()
            if !current.devices.contains(where: { $0.deviceID == newDevice }) {
                guard current.devices.count < DeviceList.maxDevices else {
                    throw DaemonError(
                        .forbidden, "This account already has \(DeviceList.maxDevices) devices: revoke one first")
                }
                let entry: DeviceList.Entry
                do {
                    entry = DeviceList.Entry(
                        identityKey: try Ed25519.publicKey(chosen.identityKey), addedAtMs: Self.nowMs())
                } catch {
                    throw DaemonError(.forbidden, "The waiting device's key is unusable", cause: error)
                }
                try await publishDeviceList(current.devices + [entry], after: current)
            }
            let sealed: [UInt8]
            do {
                sealed = try linkBundle().seal(
                    user: deviceKeys.user, from: deviceKeys.deviceID, to: chosen, secret: secret)
            } catch {
                throw DaemonError(.failed, "Sealing the link bundle failed", cause: error)
            }
            try await client.postMailbox(
                MailboxRequest(fromDeviceId: deviceId, payload: Bytes(Data(sealed))), to: newDevice.description,
                token: token)
            try? await client.removePendingDevice(newDevice.description, token: token)
            logger.notice("linked a device", metadata: ["dialogue.device": "\(newDevice)"])
            return DeviceLinkResult(deviceId: newDevice.description, devices: try await devices())
        }
    }

    /// What a new device needs to be this account: the account key, the contacts' pins and, for
    /// every conversation, its head and the epoch secrets this device holds.
    private func linkBundle() -> LinkBundle {
        LinkBundle(
            account: accountIdentity,
            pins: contacts.linkPins(excluding: deviceKeys.user),
            conversations: book.linkKeys)
    }
}
