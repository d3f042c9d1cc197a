/// `POST /api/messages/send/:conversationId`.
public struct SendMessageRequest: Codable, Hashable, Sendable {
    /// Client-generated id; sending again with the same id stores once and returns the same message.
    public var id: String
    public var deviceId: String
    /// Must equal the conversation's current epoch.
    public var epoch: Int64
    public var envelope: Bytes
    public var blobIds: [String]?

    public init(id: String, deviceId: String, epoch: Int64, envelope: Bytes, blobIds: [String]? = nil) {
        self.id = id
        self.deviceId = deviceId
        self.epoch = epoch
        self.envelope = envelope
        self.blobIds = blobIds
    }
}
