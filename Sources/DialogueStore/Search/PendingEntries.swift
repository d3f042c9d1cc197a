/// Index entries waiting to be written by ``SearchIndex/enqueueUpsert(_:failed:)``, with the rule
/// for when: at once past ``limit``, otherwise once no more came for ``quiet``.
struct PendingEntries: Sendable {
    /// Entries to write in one transaction, and who hears of a failure.
    struct Due: Sendable {
        var entries: [SearchEntry]
        var failed: @Sendable (StoreError) -> Void
    }

    static let limit = 4096
    static let quiet = Duration.milliseconds(200)

    private var entries: [SearchEntry] = []
    private var failed: (@Sendable (StoreError) -> Void)?
    /// Counts additions, so a timer can tell whether any came while it slept.
    private(set) var generation = 0
    private var timerRunning = false

    /// Adds entries. Returns what is due now (past the limit) and whether a timer must start.
    mutating func add(_ new: [SearchEntry], failed: @escaping @Sendable (StoreError) -> Void) -> (Due?, Bool) {
        entries += new
        self.failed = failed
        generation += 1
        if entries.count >= Self.limit { return (takeAll(), false) }
        guard !timerRunning else { return (nil, false) }
        timerRunning = true
        return (nil, true)
    }

    /// For the timer: `nil` while entries keep coming (it sleeps again); otherwise it stops and
    /// writes what it got, if anything.
    mutating func takeIfQuiet(since seen: Int) -> Due?? {
        guard generation == seen else { return nil }
        timerRunning = false
        return .some(takeAll())
    }

    var isEmpty: Bool { entries.isEmpty }

    mutating func takeAll() -> Due? {
        guard !entries.isEmpty, let failed else { return nil }
        defer { entries = [] }
        return Due(entries: entries, failed: failed)
    }
}
