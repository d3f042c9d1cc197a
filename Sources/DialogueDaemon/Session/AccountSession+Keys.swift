import DialogueCrypto
import DialogueProtocol
import DialogueRPC
import DialogueStore
import Foundation

/// Contacts' keys: fetched from the directory, verified against the pins, kept for offline use.
extension AccountSession {
    /// Parses and verifies a directory bundle; an identity change is reported, not applied.
    func verify(_ bundle: KeyBundle) throws -> VerifiedUserKeys {
        try pins.verifiedKeys(Self.userKeyBundle(bundle), nowMs: Self.nowMs())
    }

    static func userKeyBundle(_ bundle: KeyBundle) throws -> UserKeyBundle {
        UserKeyBundle(
            deviceList: try DeviceList(parsing: Array(bundle.deviceList.data)),
            sealCertificates: try bundle.devices.map { try SealKeyCertificate(parsing: Array($0.cert.data)) })
    }

    /// Makes sure the directory holds verified keys for `userIds`, fetching the missing ones (or all
    /// of them with `refresh`). A changed identity is pushed as `security.identityChanged`.
    func ensureKeys(for userIds: some Sequence<String>, refresh: Bool = false) async throws(DaemonError) {
        for userId in Set(userIds) {
            guard let user = try? UserID(userId) else { continue }
            if !refresh, directory[user] != nil { continue }
            let bundle = try await client.keys(of: userId, token: token)
            try await accept(bundle)
        }
    }

    /// Verifies a fetched bundle and records it. A changed identity is accepted and announced; for a
    /// verified contact the pin then blocks sending until re-verified (see ``requireTrusted(_:)``).
    func accept(_ bundle: KeyBundle) async throws(DaemonError) {
        let outcome: IdentityPins.Verification
        do {
            outcome = try pins.verify(Self.userKeyBundle(bundle), nowMs: Self.nowMs())
        } catch {
            logger.warning(
                "a contact's keys failed verification",
                metadata: ["dialogue.user": "\(bundle.userId)", "error": "\(error)"])
            throw DaemonError(.forbidden, "The keys the server holds for \(bundle.userId) do not verify", cause: error)
        }
        switch outcome {
        case .verified(let keys, _):
            directory.update(keys)
        case .identityChanged(let change):
            logger.warning("a contact's identity key changed", metadata: ["dialogue.user": "\(bundle.userId)"])
            pins.acceptIdentityChange(change)
            await publish(
                .identityChanged(
                    IdentityChangedView(
                        userId: bundle.userId, verified: change.wasVerified, blocked: change.wasVerified)))
            do {
                directory.update(try verify(bundle))
            } catch {
                throw DaemonError(.forbidden, "The new keys of \(bundle.userId) do not verify", cause: error)
            }
        }
        bundles[bundle.userId] = bundle
        do {
            try await store.apply(
                messages: [], meta: [try .init("directory.\(bundle.userId)", bundle), try pinsWrite()], cursor: nil)
        } catch {
            throw DaemonError("Saving a contact's keys failed", store: error)
        }
    }

    func pinsWrite() throws -> LocalStore.MetaWrite {
        var records: [String: PinRecord] = [:]
        for (user, pin) in pins.pins { records[user.rawValue] = PinRecord(pin) }
        return try .init(PinRecord.metaKey, records)
    }

    /// Refuses to send into a conversation with a verified contact whose identity changed.
    func requireTrusted(_ userIds: some Sequence<String>) throws(DaemonError) {
        for userId in userIds {
            guard let user = try? UserID(userId) else { continue }
            if !pins.canSend(to: user) {
                throw DaemonError(
                    .untrustedIdentity,
                    "The identity key of \(displayName(userId)) changed: compare safety numbers and call security.verify first"
                )
            }
        }
    }

    /// `security.safetyNumber`: the 60 digits both sides compute from the two account keys.
    package func safetyNumber(userId: String) async throws(DaemonError) -> SafetyNumberView {
        try await ensureKeys(for: [userId])
        guard let user = try? UserID(userId), let theirs = pins.accountKey(of: user) else {
            throw DaemonError(.notFound, "No keys for \(userId)")
        }
        let number = SafetyNumber(
            local: deviceKeys.user, localKey: accountIdentity.publicKeyBytes, remote: user, remoteKey: theirs)
        return SafetyNumberView(number: number.digits, verified: pins.pins[user]?.verified ?? false)
    }

    /// `security.verify`: marks the contact verified when the number matches.
    package func markVerified(userId: String, number: String) async throws(DaemonError) -> VerificationView {
        let expected = try await safetyNumber(userId: userId)
        let digits = number.filter(\.isNumber)
        guard expected.number == digits else {
            throw DaemonError(.invalidInput, "That safety number does not match: nothing was marked verified")
        }
        guard let user = try? UserID(userId) else { throw DaemonError(.notFound, "No such user \(userId)") }
        pins.markVerified(user)
        do {
            try await store.apply(messages: [], meta: [try pinsWrite()], cursor: nil)
        } catch {
            throw DaemonError("Saving the verification failed", store: error)
        }
        return VerificationView(verified: true)
    }

    /// `devices.list`: this account's devices from the verified directory.
    package func devices() async throws(DaemonError) -> [DeviceView] {
        try? await ensureKeys(for: [me], refresh: true)
        guard let user = try? UserID(me), let keys = directory[user] else { return [] }
        return keys.devices.values.sorted { $0.deviceID < $1.deviceID }.map { device in
            DeviceView(
                id: device.deviceID.description, current: device.deviceID == deviceKeys.deviceID,
                canReceive: device.sealKey != nil)
        }
    }

    /// A human name for logs-free messages: the contact's full name when known.
    func displayName(_ userId: String) -> String {
        users[userId]?.fullname ?? userId
    }
}
