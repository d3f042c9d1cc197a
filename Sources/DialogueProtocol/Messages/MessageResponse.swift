/// One message.
public struct MessageResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var message: Message

    public init(message: Message) {
        self.success = true
        self.message = message
    }
}
