/// The `daemon.status` result; `account` is `null` (present) while locked or signed out.
package struct StatusView: Codable, Sendable, Equatable {
    package var version: String
    package var locked: Bool
    package var account: AccountView?
    package var connection: ConnectionView
    /// Messages and changes queued in the outbox, not yet acknowledged by the server.
    package var outboxPending: Int
    package var cache: CacheStats

    package init(
        version: String, locked: Bool, account: AccountView?, connection: ConnectionView, outboxPending: Int,
        cache: CacheStats
    ) {
        self.version = version
        self.locked = locked
        self.account = account
        self.connection = connection
        self.outboxPending = outboxPending
        self.cache = cache
    }

    private enum CodingKeys: String, CodingKey {
        case version, locked, account, connection, outboxPending, cache
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(locked, forKey: .locked)
        try container.encode(account, forKey: .account)
        try container.encode(connection, forKey: .connection)
        try container.encode(outboxPending, forKey: .outboxPending)
        try container.encode(cache, forKey: .cache)
    }
}
