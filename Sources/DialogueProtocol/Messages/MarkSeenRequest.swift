/// `PUT /api/messages/mark/:messageId`: one message, or with `upTo` every earlier message of the
/// conversation as well.
public struct MarkSeenRequest: Codable, Hashable, Sendable {
    public var upTo: Bool?

    public init(upTo: Bool? = nil) { self.upTo = upTo }
}
