import DialogueProtocol
import Foundation

/// Device linking: the new device's pending record and the mailbox its link bundle arrives in.
/// The server only relays these; the commitment and the HPKE PSK seal make them trustworthy.
extension ServerClient {
    /// `POST /api/keys/pending`: announces this (new) device to the account's other devices.
    package func addPendingDevice(_ body: PendingDeviceRequest, token: String) async throws(ServerClientError) {
        let _: PendingDevicesResponse = try await call(
            .post, "api/keys/pending", body: body, authentication: .session(token: token))
    }

    /// `GET /api/keys/pending`: the account's devices waiting to be linked.
    package func pendingDevices(token: String) async throws(ServerClientError) -> [DialogueProtocol.PendingDevice] {
        let answer: PendingDevicesResponse = try await call(
            .get, "api/keys/pending", authentication: .session(token: token))
        return answer.devices
    }

    /// `DELETE /api/keys/pending/:deviceId`.
    package func removePendingDevice(_ deviceId: String, token: String) async throws(ServerClientError) {
        let _: SuccessResponse = try await call(
            .delete, "api/keys/pending/\(try Self.segment(deviceId))", authentication: .session(token: token))
    }

    /// `POST /api/keys/mailbox/:deviceId`: leaves a sealed link bundle for a new device.
    package func postMailbox(_ body: MailboxRequest, to deviceId: String, token: String) async throws(ServerClientError)
    {
        let _: MailboxResponse = try await call(
            .post, "api/keys/mailbox/\(try Self.segment(deviceId))", body: body,
            authentication: .session(token: token))
    }

    /// `GET /api/keys/mailbox/:deviceId`.
    package func mailbox(of deviceId: String, token: String) async throws(ServerClientError) -> [MailboxItem] {
        let answer: MailboxResponse = try await call(
            .get, "api/keys/mailbox/\(try Self.segment(deviceId))", authentication: .session(token: token))
        return answer.items
    }

    /// `DELETE /api/keys/mailbox/:deviceId/:itemId`.
    package func deleteMailboxItem(_ itemId: String, of deviceId: String, token: String) async throws(ServerClientError)
    {
        let _: SuccessResponse = try await call(
            .delete, "api/keys/mailbox/\(try Self.segment(deviceId))/\(try Self.segment(itemId))",
            authentication: .session(token: token))
    }
}
