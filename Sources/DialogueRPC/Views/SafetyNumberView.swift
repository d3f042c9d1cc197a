/// The `security.safetyNumber` result.
package struct SafetyNumberView: Codable, Sendable, Equatable {
    /// 60 digits, the same on both sides.
    package var number: String
    package var verified: Bool

    package init(number: String, verified: Bool) {
        self.number = number
        self.verified = verified
    }
}
