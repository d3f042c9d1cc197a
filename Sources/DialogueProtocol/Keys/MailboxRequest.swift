/// `POST /api/keys/mailbox/:deviceId`.
public struct MailboxRequest: Codable, Hashable, Sendable {
    public var fromDeviceId: String
    public var payload: Bytes

    public init(fromDeviceId: String, payload: Bytes) {
        self.fromDeviceId = fromDeviceId
        self.payload = payload
    }
}
