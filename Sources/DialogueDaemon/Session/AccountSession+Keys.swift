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
            let bundle = try await DaemonError.converting { try await client.keys(of: userId, token: token) }
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

    /// A human name for logs-free messages: the contact's full name when known.
    func displayName(_ userId: String) -> String {
        users[userId]?.fullname ?? userId
    }
}
