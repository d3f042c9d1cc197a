/// The `security.identityChanged` notification: a contact's account key changed.
package struct IdentityChangedView: Codable, Sendable, Equatable {
    package var userId: String
    /// Whether the old key had been verified (the new one never is).
    package var verified: Bool
    /// Sending to them waits for a new verification (only when the old key was verified).
    package var blocked: Bool

    package init(userId: String, verified: Bool, blocked: Bool) {
        self.userId = userId
        self.verified = verified
        self.blocked = blocked
    }
}
