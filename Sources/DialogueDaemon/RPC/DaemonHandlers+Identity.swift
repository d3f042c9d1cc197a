import DialogueProtocol
import DialogueStore
import Foundation

/// This device's identity at sign-up and log-in.
extension DaemonHandlers {
    func saveIdentity(_ identity: DeviceIdentity, in store: LocalStore) async throws(DaemonError) {
        do {
            try await store.setMeta(DeviceIdentity.metaKey, identity)
        } catch {
            throw DaemonError(.failed, "Saving this device's keys failed: \(error)")
        }
    }

    /// Reuses this device's keys for the account, or creates and publishes them when the account
    /// has none yet. An account whose keys live on another device needs linking first.
    func ensureIdentity(for answer: AuthResponse, client: ServerClient, in store: LocalStore) async throws(DaemonError)
    {
        let stored: DeviceIdentity?
        do {
            stored = try await store.meta(DeviceIdentity.metaKey, as: DeviceIdentity.self)
        } catch {
            throw DaemonError(.failed, "The stored keys could not be read: \(error)")
        }
        if let stored, stored.userId == answer.user.id { return }
        let published: Bool
        do throws(DaemonError) {
            _ = try await client.keys(of: answer.user.id, token: answer.token)
            published = true
        } catch  where error.code == .notFound {
            published = false
        }
        if published {
            throw DaemonError(
                .forbidden,
                "This account's keys live on another device: link this device from there (dialogue link) to read its conversations"
            )
        }
        var identity = try DeviceIdentity.create(userId: answer.user.id, nowMs: AccountSession.nowMs())
        try await identity.publish(with: client, token: answer.token)
        try await saveIdentity(identity, in: store)
    }
}
