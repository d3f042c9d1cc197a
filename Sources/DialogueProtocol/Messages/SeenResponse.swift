/// The answer to a mark-seen call.
public struct SeenResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var receipt: SeenReceipt

    public init(receipt: SeenReceipt) {
        self.success = true
        self.receipt = receipt
    }
}
