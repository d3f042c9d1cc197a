/// `PUT /api/conversations/remove-member`: an admin removes someone, or anyone removes
/// themselves (leave).
public struct RemoveMemberRequest: Codable, Hashable, Sendable {
    public var conversationId: String
    public var memberId: String
    public var seq: Int64
    public var deviceId: String
    public var op: Bytes

    public init(conversationId: String, memberId: String, seq: Int64, deviceId: String, op: Bytes) {
        self.conversationId = conversationId
        self.memberId = memberId
        self.seq = seq
        self.deviceId = deviceId
        self.op = op
    }
}
