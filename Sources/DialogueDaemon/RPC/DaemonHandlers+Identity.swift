import DialogueProtocol
import DialogueRPC
import DialogueStore
import DialogueSync
import Foundation

/// This device's identity at sign-up and log-in.
extension DaemonHandlers {
    func saveIdentity(_ identity: DeviceIdentity, in store: LocalStore) async throws(DaemonError) {
        do {
            try await store.setMeta(DeviceIdentity.metaKey, identity)
        } catch {
            throw DaemonError("Saving this device's keys failed", store: error)
        }
    }

    /// Reuses this device's keys for the account, or creates and publishes them when the account
    /// has none yet.
    /// - Returns: `false` when the account's keys live on another device: this one needs linking.
    func ensureIdentity(for answer: AuthResponse, client: ServerClient, in store: LocalStore) async throws(DaemonError)
        -> Bool
    {
        let stored: DeviceIdentity?
        do {
            stored = try await store.meta(DeviceIdentity.metaKey, as: DeviceIdentity.self)
        } catch {
            throw DaemonError(.failed, "The stored keys could not be read", cause: error)
        }
        if let stored, stored.userId == answer.user.id { return true }
        do throws(DaemonError) {
            _ = try await DaemonError.converting { try await client.keys(of: answer.user.id, token: answer.token) }
            return false
        } catch  where error.code == .notFound {
            // An account without published keys (its first device never finished): this one becomes it.
        }
        var identity = try DeviceIdentity.create(userId: answer.user.id, nowMs: AccountSession.nowMs())
        try await identity.publish(with: client, token: answer.token)
        try await saveIdentity(identity, in: store)
        return true
    }

    /// `devices.link`: without a code, this new device shows one and waits for its link bundle;
    /// with a code, this (linked) device links the new one that shows it.
    func link(_ params: DevicesLinkRequest) async throws(DaemonError) -> DeviceLinkResult {
        let store = try await keyStore.store()
        guard let account = try await Self.account(in: store) else {
            throw DaemonError(.notSignedIn, "No account on this daemon yet: log in to the account first")
        }
        let linker = DeviceLinker(
            store: store, client: ServerClient(server: account.server, http: http, logger: logger), account: account,
            logger: logger)
        let linked = try await linker.hasIdentity()
        if let code = params.code {
            guard linked else {
                throw DaemonError(
                    .forbidden,
                    "This device is not linked yet, so it cannot link others: run `dialogue link` without a code here and enter its code on a linked device"
                )
            }
            return try await DeviceCommands.link(code: code, in: sessions.session())
        }
        guard !linked else {
            throw DaemonError(
                .invalidInput,
                "This device already holds the account's keys: run `dialogue link` on the new device, then enter the code it shows here"
            )
        }
        let link = try await linker.begin()
        await sessions.waitForLink(linker)
        return DeviceLinkResult(
            deviceId: try link.keys().deviceID.description, code: try link.linkSecret().code,
            expiresAt: WireDate.string(from: Date(timeIntervalSince1970: Double(link.expiresAtMs) / 1000)))
    }
}
