/// The `security.verify` result.
package struct VerificationView: Codable, Sendable, Equatable {
    package var verified: Bool

    package init(verified: Bool) {
        self.verified = verified
    }
}
