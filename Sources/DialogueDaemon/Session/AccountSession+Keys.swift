import DialogueCrypto
import DialogueProtocol
import DialogueRPC
import DialogueStore
import Foundation

/// Contacts' keys: fetched from the directory, verified against the pins, kept for offline use.
extension AccountSession {
    /// Makes sure the directory holds verified keys for `userIds`, fetching the missing ones (or all
    /// of them with `refresh`). A changed identity is pushed as `security.identityChanged`.
    func ensureKeys(for userIds: some Sequence<String>, refresh: Bool = false) async throws(DaemonError) {
        for userId in Set(userIds) {
            guard let user = try? UserID(userId) else { continue }
            if !refresh, contacts.knows(user) { continue }
            let bundle = try await client.keys(of: userId, token: token)
            try await accept(bundle)
        }
    }

    /// Verifies a fetched bundle, records it, and announces a changed identity.
    func accept(_ bundle: KeyBundle) async throws(DaemonError) {
        let change: IdentityPins.IdentityChange?
        do throws(DaemonError) {
            change = try contacts.accept(bundle, nowMs: Self.nowMs())
        } catch {
            logger.warning(
                "a contact's keys failed verification",
                metadata: ["dialogue.user": "\(bundle.userId)", "error": "\(error)"])
            throw error
        }
        if let change {
            logger.warning("a contact's identity key changed", metadata: ["dialogue.user": "\(bundle.userId)"])
            await publish(
                .identityChanged(
                    IdentityChangedView(
                        userId: bundle.userId, verified: change.wasVerified, blocked: change.wasVerified)))
        }
        do {
            try await store.apply(messages: [], meta: try contacts.writes(for: bundle.userId), cursor: nil)
        } catch {
            throw DaemonError("Saving a contact's keys failed", store: error)
        }
    }

    /// Refuses to send into a conversation with a verified contact whose identity changed.
    func requireTrusted(_ userIds: some Sequence<String>) throws(DaemonError) {
        if let userId = contacts.firstUntrusted(userIds) {
            throw DaemonError(
                .untrustedIdentity,
                "The identity key of \(displayName(userId)) changed: compare safety numbers and call security.verify first"
            )
        }
    }

    /// `security.safetyNumber`: the 60 digits both sides compute from the two account keys.
    package func safetyNumber(userId: String) async throws(DaemonError) -> SafetyNumberView {
        try await ensureKeys(for: [userId])
        guard let user = try? UserID(userId),
            let (number, verified) = contacts.safetyNumber(
                with: user, me: deviceKeys.user, myKey: accountIdentity.publicKeyBytes)
        else {
            throw DaemonError(.notFound, "No keys for \(userId)")
        }
        return SafetyNumberView(number: number.digits, verified: verified)
    }

    /// `security.verify`: marks the contact verified when the number matches.
    package func markVerified(userId: String, number: String) async throws(DaemonError) -> VerificationView {
        let expected = try await safetyNumber(userId: userId)
        let digits = number.filter(\.isNumber)
        guard expected.number == digits else {
            throw DaemonError(.invalidInput, "That safety number does not match: nothing was marked verified")
        }
        guard let user = try? UserID(userId) else { throw DaemonError(.notFound, "No such user \(userId)") }
        contacts.markVerified(user)
        do {
            try await store.apply(messages: [], meta: [try contacts.pinsWrite()], cursor: nil)
        } catch {
            throw DaemonError("Saving the verification failed", store: error)
        }
        return VerificationView(verified: true)
    }

    /// `devices.list`: this account's devices from the verified directory.
    package func devices() async throws(DaemonError) -> [DeviceView] {
        try? await ensureKeys(for: [me], refresh: true)
        guard let user = try? UserID(me), let keys = contacts.directory[user] else { return [] }
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
