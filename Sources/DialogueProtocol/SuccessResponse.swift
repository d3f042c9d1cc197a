/// `{success: true}` for calls whose effect is the answer.
public struct SuccessResponse: Codable, Hashable, Sendable {
    public var success: Bool

    public init() { self.success = true }
}
