import DialogueCrypto
import DialogueProtocol
import DialogueStore
import DialogueSync
import Foundation
import Logging

/// The new device's half of linking (e2ee design notes §2.5): it makes its keys, uploads a
/// pending record committed to the secret it shows, then waits for the link bundle one of the
/// account's devices seals to it with that secret, and becomes a device of the account.
struct DeviceLinker: Sendable {
    /// What one look at the mailbox found.
    enum Outcome: Sendable, Equatable {
        /// No link is pending for this account (never started, or already finished).
        case idle
        case waiting
        /// The code's lifetime passed; the device needs a new one.
        case expired(deviceId: String)
        case linked(deviceId: String, conversations: Int)
    }

    let store: LocalStore
    let client: ServerClient
    let account: AccountRecord
    let logger: Logger

    /// Whether this device holds keys for the account (created here, or received by linking).
    func hasIdentity() async throws(DaemonError) -> Bool {
        do {
            return try await store.meta(DeviceIdentity.metaKey, as: DeviceIdentity.self)?.userId == account.user.id
        } catch {
            throw DaemonError(.failed, "The stored keys could not be read", cause: error)
        }
    }

    /// The link this device is waiting for, if any.
    func pending() async throws(DaemonError) -> PendingLink? {
        do {
            guard let link = try await store.meta(PendingLink.metaKey, as: PendingLink.self),
                link.userId == account.user.id
            else { return nil }
            return link
        } catch {
            throw DaemonError(.failed, "The pending link could not be read", cause: error)
        }
    }

    /// Starts (or restarts with a fresh code) linking this device: the same device keys, a new
    /// secret, the pending record on the server.
    /// - Returns: the link to show; its code is entered on a device that is already linked.
    func begin() async throws(DaemonError) -> PendingLink {
        let nowMs = AccountSession.nowMs()
        let keys: DeviceKeys
        if let existing = try await pending() {
            keys = try existing.keys()
        } else {
            do {
                keys = try DeviceKeys(user: try UserID(account.user.id), nowMs: nowMs)
            } catch {
                throw DaemonError(.failed, "Creating this device's keys failed", cause: error)
            }
        }
        let link = PendingLink(keys: keys, nowMs: nowMs)
        let record = DialogueCrypto.PendingDevice(keys: keys, secret: try link.linkSecret())
        // Saved first: a bundle sealed to this secret must find it, even after a crash right after the upload.
        do {
            try await store.setMeta(PendingLink.metaKey, link)
        } catch {
            throw DaemonError("Saving the pending link failed", store: error)
        }
        try await DaemonError.converting {
            try await client.addPendingDevice(
                PendingDeviceRequest(
                    deviceId: keys.deviceID.description, commitment: Bytes(Data(record.commitment)),
                    payload: Bytes(Data(record.payload))),
                token: account.token)
        }
        logger.info("waiting to be linked", metadata: ["dialogue.device": "\(keys.deviceID)"])
        return link
    }

    /// Looks in the mailbox once and, when a bundle sealed with this device's secret is there,
    /// takes the account key, pins and epoch secrets from it and publishes this device's seal key.
    func poll() async throws(DaemonError) -> Outcome {
        guard let link = try await pending() else { return .idle }
        let keys = try link.keys()
        let deviceId = keys.deviceID.description
        if AccountSession.nowMs() >= link.expiresAtMs {
            try? await client.removePendingDevice(deviceId, token: account.token)
            try await clear()
            logger.info("a link code expired unused", metadata: ["dialogue.device": "\(deviceId)"])
            return .expired(deviceId: deviceId)
        }
        let secret = try link.linkSecret()
        for item in try await DaemonError.converting({ try await client.mailbox(of: deviceId, token: account.token) }) {
            let bundle: LinkBundle
            do {
                bundle = try LinkBundle.open(Array(item.payload.data), keys: keys, secret: secret)
            } catch {
                // Not sealed with our secret: the server or someone without the code made it.
                logger.warning("refused a link bundle", metadata: ["error": "\(error)"])
                try? await client.deleteMailboxItem(item.id, of: deviceId, token: account.token)
                continue
            }
            guard let list = try await ownDeviceList(signedBy: bundle.account, naming: keys.deviceID) else {
                logger.warning("a link bundle came before a device list that names this device")
                continue
            }
            try await finish(link: link, keys: keys, bundle: bundle, list: list)
            try? await client.deleteMailboxItem(item.id, of: deviceId, token: account.token)
            try? await client.removePendingDevice(deviceId, token: account.token)
            logger.notice(
                "linked to the account",
                metadata: ["dialogue.device": "\(deviceId)", "conversations": "\(bundle.conversations.count)"])
            return .linked(deviceId: deviceId, conversations: bundle.conversations.count)
        }
        return .waiting
    }

    /// The account's device list as the server holds it, if the account key from the bundle signed
    /// it and it names this device.
    private func ownDeviceList(signedBy account: AccountIdentity, naming device: DeviceID) async throws(DaemonError)
        -> DeviceList?
    {
        let bundle = try await DaemonError.converting {
            try await client.keys(of: self.account.user.id, token: self.account.token)
        }
        guard let list = try? DeviceList(parsing: Array(bundle.deviceList.data)),
            list.accountKey == account.publicKeyBytes, (try? list.verifySignature()) != nil,
            list.devices.contains(where: { $0.deviceID == device })
        else { return nil }
        return list
    }

    /// Becomes a device of the account: publishes the seal key, then saves the identity, the
    /// pins (our own account key first) and the epoch secrets in one transaction.
    private func finish(link: PendingLink, keys: DeviceKeys, bundle: LinkBundle, list: DeviceList)
        async throws(DaemonError)
    {
        try await DaemonError.converting {
            try await client.publishSealCertificate(
                SealCertificateRequest(cert: Bytes(link.certificate)), deviceId: keys.deviceID.description,
                token: account.token)
        }
        let identity = DeviceIdentity(
            userId: account.user.id, accountKey: bundle.account.privateKey.rawRepresentation,
            identityKey: link.identityKey, sealKey: link.sealKey, certificate: link.certificate,
            deviceListVersion: list.version,
            addedAtMs: list.devices.first { $0.deviceID == keys.deviceID }?.addedAtMs ?? link.startedAtMs)
        var pins = IdentityPins()
        pins.pin(user: keys.user, accountKey: bundle.account.publicKeyBytes, verified: true)
        for contact in bundle.pins where contact.user != keys.user {
            pins.pin(user: contact.user, accountKey: contact.accountKey, verified: contact.verified)
        }
        var secrets: [String: [UInt64: Data]] = [:]
        for conversation in bundle.conversations {
            secrets[conversation.conversation.description] = conversation.epochSecrets.mapValues {
                $0.withUnsafeBytes { Data($0) }
            }
        }
        do {
            try await store.apply(
                messages: [],
                meta: [
                    try .init(DeviceIdentity.metaKey, identity), try ContactKeys(pins: pins).pinsWrite(),
                    try .init(LinkedSecrets.metaKey, LinkedSecrets(secrets: secrets)),
                    try .init(PendingLink.metaKey, PendingLink?.none),
                ],
                cursor: nil)
        } catch {
            throw DaemonError("Saving the keys received by linking failed", store: error)
        }
    }

    private func clear() async throws(DaemonError) {
        do {
            try await store.apply(messages: [], meta: [try .init(PendingLink.metaKey, PendingLink?.none)], cursor: nil)
        } catch {
            throw DaemonError("Forgetting the pending link failed", store: error)
        }
    }
}
