/// The `daemon.unlock` result.
package struct UnlockResult: Codable, Sendable, Equatable {
    /// `true` when this unlock created the key store (a fresh data directory).
    package var created: Bool

    package init(created: Bool) {
        self.created = created
    }
}
