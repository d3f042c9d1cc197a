/// The body of an edit, a reaction, or (optionally) a delete: one signed event aimed at a message.
public struct EventEnvelopeRequest: Codable, Hashable, Sendable {
    /// Client-generated event id; a retry with the same id is stored once.
    public var id: String
    public var deviceId: String
    public var epoch: Int64
    public var envelope: Bytes

    public init(id: String, deviceId: String, epoch: Int64, envelope: Bytes) {
        self.id = id
        self.deviceId = deviceId
        self.epoch = epoch
        self.envelope = envelope
    }
}
