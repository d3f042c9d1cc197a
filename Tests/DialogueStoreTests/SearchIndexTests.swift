import Foundation
import GRDB
import Synchronization
import Testing

@testable import DialogueStore

@Suite("The in-memory search index")
struct SearchIndexTests {
    static func entry(
        _ id: String,
        _ text: String,
        in conversation: String = "c1",
        at seconds: Double = 1,
        deleted: Bool = false
    ) -> SearchEntry {
        SearchEntry(
            messageId: id,
            conversationId: conversation,
            text: text,
            createdAt: Date(timeIntervalSince1970: seconds),
            deleted: deleted
        )
    }

    /// The default budget answers most searches in these small indexes by reading rows; none
    /// sends every `all` search through the trigram index instead.
    static let budgets = [SearchIndex.defaultScanBudget, 0]

    /// An index holding `texts` as m0, m1, ... one second apart (so m0 is the oldest).
    static func index(_ texts: [String], budget: Int = SearchIndex.defaultScanBudget) async throws -> SearchIndex {
        let index = try SearchIndex(scanBudget: budget)
        try await index.upsert(texts.enumerated().map { entry("m\($0.offset)", $0.element, at: Double($0.offset)) })
        return index
    }

    static func ids(
        _ index: SearchIndex,
        _ text: String,
        scope: SearchQuery.Scope = .all,
        conversationId: String? = nil,
        limit: Int = SearchQuery.defaultLimit
    ) async throws -> [String] {
        let query = SearchQuery(text, scope: scope, conversationId: conversationId, limit: limit)
        return try await index.search(query).map(\.messageId)
    }

    /// Entries handed over without waiting are written in the background, but any search made
    /// afterwards writes them first; a removal queued after them applies after them.
    @Test func entriesHandedOverWithoutWaitingAreSeenByTheNextSearch() async throws {
        let index = try SearchIndex()
        let failures = Mutex(0)
        index.enqueueUpsert([Self.entry("m1", "lunch at noon"), Self.entry("m2", "noon it is", at: 2)]) { _ in
            failures.withLock { $0 += 1 }
        }
        #expect(try await Self.ids(index, "noon") == ["m2", "m1"])
        index.enqueueUpsert([Self.entry("m3", "noon again", at: 3)]) { _ in failures.withLock { $0 += 1 } }
        try await index.remove(messageIds: ["m3", "m1"])
        #expect(try await Self.ids(index, "noon") == ["m2"])
        // Written on their own once no more come: the count reads what the timer wrote.
        index.enqueueUpsert([Self.entry("m4", "after noon", at: 4)]) { _ in failures.withLock { $0 += 1 } }
        let deadline = ContinuousClock.now + .seconds(20)
        while !index.pending.withLock(\.isEmpty), ContinuousClock.now < deadline {
            try await Task.sleep(for: PendingEntries.quiet)
        }
        let written = index.pending.withLock(\.isEmpty)
        #expect(written)
        #expect(try await index.count() == 2)
        #expect(failures.withLock { $0 } == 0)
    }

    @Test func pendingEntriesAreDueAtTheLimitOrWhenQuiet() {
        var pending = PendingEntries()
        let entry = Self.entry("m", "text")
        let (due, timer) = pending.add([entry], failed: { _ in })
        #expect(due == nil && timer)
        // A second addition neither starts a second timer nor is due yet.
        let (stillNotDue, secondTimer) = pending.add([entry], failed: { _ in })
        #expect(stillNotDue == nil && !secondTimer)
        let seen = pending.generation
        _ = pending.add([entry], failed: { _ in })
        #expect(pending.takeIfQuiet(since: seen) == nil)
        #expect(pending.takeIfQuiet(since: pending.generation)??.entries.count == 3)
        let (full, _) = pending.add(Array(repeating: entry, count: PendingEntries.limit), failed: { _ in })
        #expect(full?.entries.count == PendingEntries.limit)
        #expect(pending.takeAll() == nil)
    }

    @Test(arguments: Self.budgets) func findsSubstringsNewestFirst(budget: Int) async throws {
        let index = try await Self.index(["Hello there", "say hello", "nothing", "yellow"], budget: budget)
        #expect(try await Self.ids(index, "ello") == ["m3", "m1", "m0"])
        #expect(try await Self.ids(index, "ello", scope: .recent) == ["m3", "m1", "m0"])
        #expect(try await Self.ids(index, "hello") == ["m1", "m0"])
        #expect(try await Self.ids(index, "absent").isEmpty)
    }

    @Test(arguments: Self.budgets) func ignoresCaseAndDiacritics(budget: Int) async throws {
        let index = try await Self.index(
            [
                "Un CAFÉ noir", "un cafe\u{301} au lait", "cafe", "ÄRGER", "İstanbul", "Straße", "НОВОСТИ", "ΟΔΟΣ",
            ], budget: budget)
        for scope in [SearchQuery.Scope.all, .recent] {
            #expect(try await Self.ids(index, "café", scope: scope) == ["m2", "m1", "m0"])
            #expect(try await Self.ids(index, "CAFE\u{301}", scope: scope) == ["m2", "m1", "m0"])
            #expect(try await Self.ids(index, "ärger", scope: scope) == ["m3"])
            #expect(try await Self.ids(index, "arg", scope: scope) == ["m3"])
            #expect(try await Self.ids(index, "istanbul", scope: scope) == ["m4"])
            #expect(try await Self.ids(index, "STRASSE", scope: scope).isEmpty)
            #expect(try await Self.ids(index, "straße", scope: scope) == ["m5"])
            #expect(try await Self.ids(index, "новост", scope: scope) == ["m6"])
            #expect(try await Self.ids(index, "οδος", scope: scope) == ["m7"])
            #expect(try await Self.ids(index, "ὁδός", scope: scope) == ["m7"])
        }
    }

    @Test(arguments: Self.budgets) func everyTermMustAppearInAnyOrder(budget: Int) async throws {
        let index = try await Self.index(
            ["hello big world", "hello there", "world peace", "worldwide hellos"], budget: budget)
        for scope in [SearchQuery.Scope.all, .recent] {
            #expect(try await Self.ids(index, "world hello", scope: scope) == ["m3", "m0"])
            #expect(try await Self.ids(index, "  hello\tworld  big ", scope: scope) == ["m0"])
            #expect(try await Self.ids(index, "hello hello", scope: scope) == ["m3", "m1", "m0"])
        }
    }

    @Test(arguments: Self.budgets) func shortTermsMatchAsSubstringsToo(budget: Int) async throws {
        let index = try await Self.index(["a b", "ab", "xyz ok", "OK then", "ö", "bookkeeping", "a"], budget: budget)
        for scope in [SearchQuery.Scope.all, .recent] {
            #expect(try await Self.ids(index, "ab", scope: scope) == ["m1"])
            #expect(try await Self.ids(index, "b a", scope: scope) == ["m1", "m0"])
            #expect(try await Self.ids(index, "ok", scope: scope) == ["m5", "m3", "m2"])
            #expect(try await Self.ids(index, "ok xyz", scope: scope) == ["m2"])
            #expect(try await Self.ids(index, "o", scope: scope) == ["m5", "m4", "m3", "m2"])
            #expect(try await Self.ids(index, "a", scope: scope) == ["m6", "m1", "m0"])
            #expect(try await Self.ids(index, "g", scope: scope) == ["m5"])
            #expect(try await Self.ids(index, "zz", scope: scope).isEmpty)
            #expect(try await Self.ids(index, "ok zz", scope: scope).isEmpty)
            #expect(try await Self.ids(index, "then o", scope: scope) == ["m3"])
            #expect(try await Self.ids(index, "then ok", scope: scope) == ["m3"])
            #expect(try await Self.ids(index, "keep e", scope: scope) == ["m5"])
            #expect(try await Self.ids(index, "keep x", scope: scope).isEmpty)
            #expect(try await Self.ids(index, "keep zz", scope: scope).isEmpty)
        }
    }

    @Test(arguments: Self.budgets) func aShortTermInManyTrigramsIsStillFound(budget: Int) async throws {
        // "x" followed by 300 different scalars: more trigrams than an OR group takes.
        let texts = (0..<300).map { "x\(Character(Unicode.Scalar(0x4E00 + $0)!))" } + ["nothing here"]
        let index = try await Self.index(texts, budget: budget)
        let hits = try await Self.ids(index, "x", limit: 500)
        #expect(hits.count == 300)
        #expect(hits.first == "m299")
        #expect(try await Self.ids(index, "x\u{4E05}") == ["m5"])
        #expect(try await Self.ids(index, "x no").isEmpty)
    }

    @Test(arguments: Self.budgets) func queryTextIsLiteral(budget: Int) async throws {
        let texts = [
            #"she said "hi" loudly"#, "2*3 = 6", "this AND that", "NEAR(x, y)", "well-known", "key:value",
            "plain words",
        ]
        let index = try await Self.index(texts, budget: budget)
        for scope in [SearchQuery.Scope.all, .recent] {
            #expect(try await Self.ids(index, #""hi""#, scope: scope) == ["m0"])
            #expect(try await Self.ids(index, #"""#, scope: scope) == ["m0"])
            #expect(try await Self.ids(index, #"said ""#, scope: scope) == ["m0"])
            #expect(try await Self.ids(index, "2*3", scope: scope) == ["m1"])
            #expect(try await Self.ids(index, "*", scope: scope) == ["m1"])
            #expect(try await Self.ids(index, "AND", scope: scope) == ["m2"])
            #expect(try await Self.ids(index, "this AND", scope: scope) == ["m2"])
            #expect(try await Self.ids(index, "NEAR(x,", scope: scope) == ["m3"])
            #expect(try await Self.ids(index, "NEAR(", scope: scope) == ["m3"])
            #expect(try await Self.ids(index, "-known", scope: scope) == ["m4"])
            #expect(try await Self.ids(index, "-", scope: scope) == ["m4"])
            #expect(try await Self.ids(index, "key:value", scope: scope) == ["m5"])
            #expect(try await Self.ids(index, "folded:plain", scope: scope).isEmpty)
            #expect(try await Self.ids(index, "{folded}", scope: scope).isEmpty)
            #expect(try await Self.ids(index, "pla*", scope: scope).isEmpty)
            #expect(try await Self.ids(index, "^plain", scope: scope).isEmpty)
            #expect(try await Self.ids(index, "plain OR nothing", scope: scope).isEmpty)
        }
    }

    @Test(arguments: Self.budgets) func recentSearchesOnlyTheNewestThousand(budget: Int) async throws {
        let texts = ["needle in the oldest"] + (1...SearchQuery.recentWindow).map { "message number \($0)" }
        let index = try await Self.index(texts, budget: budget)
        #expect(try await index.count() == 1001)
        #expect(try await Self.ids(index, "needle", scope: .recent).isEmpty)
        #expect(try await Self.ids(index, "needle", scope: .all) == ["m0"])
        #expect(try await Self.ids(index, "number 1", scope: .recent, limit: 1) == ["m1000"])
        // The window moves when the newest message goes.
        try await index.remove(messageIds: ["m1000"])
        #expect(try await Self.ids(index, "needle", scope: .recent) == ["m0"])
    }

    @Test(arguments: Self.budgets) func theRecentWindowSpansAllConversations(budget: Int) async throws {
        let index = try SearchIndex(scanBudget: budget)
        var entries = [Self.entry("old", "needle", in: "quiet", at: 0)]
        entries += (1...SearchQuery.recentWindow).map {
            Self.entry("b\($0)", "busy chatter", in: "busy", at: Double($0))
        }
        try await index.upsert(entries)
        #expect(try await Self.ids(index, "needle", scope: .recent, conversationId: "quiet").isEmpty)
        #expect(try await Self.ids(index, "needle", scope: .all, conversationId: "quiet") == ["old"])
    }

    @Test(arguments: Self.budgets) func filtersByConversation(budget: Int) async throws {
        let index = try SearchIndex(scanBudget: budget)
        try await index.upsert([
            Self.entry("a1", "lunch today?", in: "a", at: 1),
            Self.entry("b1", "lunch tomorrow", in: "b", at: 2),
            Self.entry("a2", "no lunch", in: "a", at: 3),
        ])
        for scope in [SearchQuery.Scope.all, .recent] {
            #expect(try await Self.ids(index, "lunch", scope: scope, conversationId: "a") == ["a2", "a1"])
            #expect(try await Self.ids(index, "lu", scope: scope, conversationId: "b") == ["b1"])
            #expect(try await Self.ids(index, "lunch", scope: scope, conversationId: "c").isEmpty)
            #expect(try await Self.ids(index, "lunch", scope: scope) == ["a2", "b1", "a1"])
        }
        let hits = try await index.search(SearchQuery("tomorrow", scope: .all))
        #expect(hits.map(\.conversationId) == ["b"])
    }

    @Test(arguments: Self.budgets) func anEditReplacesTheText(budget: Int) async throws {
        let index = try await Self.index(["see you at noon", "other"], budget: budget)
        // As after the build at unlock: edits must still replace what the merged index holds.
        try await index.optimize()
        try await index.upsert([Self.entry("m0", "see you at midnight", at: 0)])
        #expect(try await index.count() == 2)
        for scope in [SearchQuery.Scope.all, .recent] {
            #expect(try await Self.ids(index, "noon", scope: scope).isEmpty)
            #expect(try await Self.ids(index, "no", scope: scope).isEmpty)
            #expect(try await Self.ids(index, "midnight", scope: scope) == ["m0"])
        }
        // An unchanged text (a reaction, a read mark) and a moved message stay findable once.
        try await index.upsert([Self.entry("m0", "see you at midnight", at: 0)])
        try await index.upsert([Self.entry("m0", "see you at midnight", in: "c2", at: 5)])
        #expect(try await Self.ids(index, "midnight") == ["m0"])
        #expect(try await Self.ids(index, "see", conversationId: "c2") == ["m0"])
        #expect(try await Self.ids(index, "see", conversationId: "c1").isEmpty)
        #expect(try await Self.ids(index, "o") == ["m0", "m1"])
    }

    @Test(arguments: Self.budgets) func deletedMessagesLeave(budget: Int) async throws {
        let index = try SearchIndex(scanBudget: budget)
        try await index.upsert([
            Self.entry("a1", "secret plan", in: "a", at: 1),
            Self.entry("a2", "secret recipe", in: "a", at: 2),
            Self.entry("b1", "secret code", in: "b", at: 3),
            Self.entry("b2", "secret door", in: "b", at: 4),
        ])
        try await index.upsert([Self.entry("a1", "secret plan", in: "a", at: 1, deleted: true)])
        #expect(try await Self.ids(index, "secret") == ["b2", "b1", "a2"])
        try await index.remove(messageIds: ["b2", "unknown"])
        #expect(try await Self.ids(index, "secret") == ["b1", "a2"])
        try await index.removeConversation("b")
        #expect(try await Self.ids(index, "secret") == ["a2"])
        #expect(try await Self.ids(index, "se", scope: .recent) == ["a2"])
        #expect(try await index.count() == 1)
        // A deleted message that was never indexed stays out.
        try await index.upsert([Self.entry("z", "secret", at: 9, deleted: true)])
        #expect(try await Self.ids(index, "secret") == ["a2"])
    }

    @Test(arguments: Self.budgets) func removeAllEmptiesTheIndexAndItStaysUsable(budget: Int) async throws {
        let index = try await Self.index((0..<500).map { "entry \($0) with some text to index" }, budget: budget)
        try await index.removeAll()
        #expect(try await index.count() == 0)
        #expect(try await Self.ids(index, "entry").isEmpty)
        #expect(try await Self.ids(index, "en", scope: .recent).isEmpty)
        try await index.upsert([Self.entry("new", "fresh entry", at: 1)])
        #expect(try await Self.ids(index, "entry") == ["new"])
    }

    @Test(arguments: Self.budgets) func limitsTheNumberOfHits(budget: Int) async throws {
        let index = try await Self.index((0..<600).map { "match \($0)" }, budget: budget)
        for scope in [SearchQuery.Scope.all, .recent] {
            #expect(try await Self.ids(index, "match", scope: scope, limit: 3) == ["m599", "m598", "m597"])
            #expect(try await Self.ids(index, "ma", scope: scope, limit: 2) == ["m599", "m598"])
            #expect(try await Self.ids(index, "match", scope: scope).count == SearchQuery.defaultLimit)
            #expect(try await Self.ids(index, "match", scope: scope, limit: 10_000).count == SearchQuery.maximumLimit)
        }
        let error = await #expect(throws: StoreError.self) {
            try await index.search(SearchQuery("match", limit: 0))
        }
        #expect(error?.code == .invalidQuery)
    }

    @Test func anEmptyQueryIsAnError() async throws {
        let index = try await Self.index(["anything"])
        for text in ["", "   ", "\t\n", "\u{301}"] {
            let error = await #expect(throws: StoreError.self) {
                try await index.search(SearchQuery(text))
            }
            #expect(error?.code == .invalidQuery)
        }
    }

    @Test(arguments: Self.budgets) func sameMillisecondOrdersById(budget: Int) async throws {
        let index = try SearchIndex(scanBudget: budget)
        // Descending ids all in one millisecond exhaust the slots between neighbours and force
        // the millisecond's entries to be spread out again.
        let ids = (0..<60).map { String(format: "id%03d", $0) }
        for id in ids.reversed() {
            try await index.upsert([Self.entry(id, "same time", at: 7)])
        }
        try await index.upsert([Self.entry("later", "same time", at: 8), Self.entry("earlier", "same time", at: 6)])
        let expected = ["later"] + ids.reversed() + ["earlier"]
        #expect(try await Self.ids(index, "same time", limit: 100) == expected)
        #expect(try await Self.ids(index, "me", scope: .recent, limit: 100) == expected)
        #expect(try await index.count() == 62)
    }

    @Test(arguments: Self.budgets) func outOfOrderArrivalsKeepTheOrder(budget: Int) async throws {
        let index = try SearchIndex(scanBudget: budget)
        // 1500 messages over 200 distinct times, arriving in a scrambled order.
        let count = 1500
        let entries = (0..<count).map { (($0 * 7919) % count) }.map { number in
            Self.entry(String(format: "id%04d", number), "msg n\(number)n", at: Double((number * 37) % 200))
        }
        for start in stride(from: 0, to: count, by: 100) {
            try await index.upsert(Array(entries[start..<(start + 100)]))
        }
        let expected = entries.sorted { first, second in
            if first.createdAt != second.createdAt { return first.createdAt > second.createdAt }
            return second.messageId.utf8.lexicographicallyPrecedes(first.messageId.utf8)
        }.map(\.messageId)
        #expect(try await Self.ids(index, "msg", limit: 500) == Array(expected.prefix(500)))
        #expect(try await Self.ids(index, "msg", scope: .recent, limit: 500) == Array(expected.prefix(500)))
        let lastInWindow = try #require(entries.first { $0.messageId == expected[999] })
        let firstOutside = try #require(entries.first { $0.messageId == expected[1000] })
        let insideText = String(lastInWindow.text.split(separator: " ")[1])
        let outsideText = String(firstOutside.text.split(separator: " ")[1])
        #expect(try await Self.ids(index, insideText, scope: .recent) == [expected[999]])
        #expect(try await Self.ids(index, outsideText, scope: .recent).isEmpty)
        #expect(try await Self.ids(index, outsideText, scope: .all) == [expected[1000]])
    }

    @Test(arguments: Self.budgets) func manyArrivalsBetweenTwoMessagesKeepTheOrder(budget: Int) async throws {
        let index = try SearchIndex(scanBudget: budget)
        try await index.upsert([Self.entry("first", "word", at: 0), Self.entry("last", "word", at: 1000)])
        // Each arrival lands in the gap the previous one left: rising, then falling.
        for second in 1...150 {
            try await index.upsert([Self.entry(String(format: "up%03d", second), "word", at: Double(second))])
        }
        for second in (151...300).reversed() {
            try await index.upsert([Self.entry(String(format: "down%03d", second), "word", at: Double(second))])
        }
        let expected =
            ["last"] + (151...300).reversed().map { String(format: "down%03d", $0) }
            + (1...150).reversed().map { String(format: "up%03d", $0) } + ["first"]
        #expect(try await Self.ids(index, "word", limit: 500) == expected)
        #expect(try await Self.ids(index, "wo", limit: 500) == expected)
        #expect(try await Self.ids(index, "word", scope: .recent, limit: 500) == expected)
        #expect(try await index.count() == 302)
    }

    @Test(arguments: Self.budgets) func highlightsCountUnicodeScalars(budget: Int) async throws {
        let index = try await Self.index(
            [
                "😀 hi", "café", "cafe\u{301}", "banana", "hello world, hello", "İstanbul", "👍🏽 ok 👍🏽", "a\u{1}b",
            ], budget: budget)
        func highlights(_ text: String, _ id: String) async throws -> [Range<Int>] {
            let hits = try await index.search(SearchQuery(text, scope: .all, limit: 500))
            return hits.first { $0.messageId == id }?.highlights ?? []
        }
        #expect(try await highlights("hi", "m0") == [2..<4])
        #expect(try await highlights("😀", "m0") == [0..<1])
        #expect(try await highlights("cafe", "m1") == [0..<4])
        #expect(try await highlights("caf", "m1") == [0..<3])
        #expect(try await highlights("cafe", "m2") == [0..<5])
        #expect(try await highlights("CAFÉ", "m2") == [0..<5])
        #expect(try await highlights("fe", "m2") == [2..<5])
        #expect(try await highlights("ana", "m3") == [1..<6])
        #expect(try await highlights("n a", "m3") == [1..<6])
        #expect(try await highlights("HELLO wor", "m4") == [0..<5, 6..<9, 13..<18])
        #expect(try await highlights("stan", "m5") == [1..<5])
        #expect(try await highlights("is", "m5") == [0..<2])
        #expect(try await highlights("ok", "m6") == [3..<5])
        // U+0001 is reserved by the index and folds away like a combining mark.
        #expect(try await highlights("ab", "m7") == [0..<3])
    }

    @Test func nothingReachesTheDisk() async throws {
        let index = try SearchIndex()
        let files = try await index.queue.read { db in
            try String.fetchAll(db, sql: "SELECT file FROM pragma_database_list")
        }
        #expect(files == ["", ""] || files == [""])

        let entries = (0..<5000).map {
            Self.entry("m\($0)", "message \($0) about lunch and dinner plans", at: Double($0))
        }
        let watcher = TemporaryFileWatcher()
        let outcome: Result<Void, any Error>
        do {
            try await index.upsert(entries)
            _ = try await index.search(SearchQuery("lunch", scope: .all, limit: 500))
            _ = try await index.search(SearchQuery("a", scope: .recent, limit: 500))
            try await index.removeConversation("c1")
            try await index.upsert(entries)
            // More temporary data than the page cache holds, as a future query might make.
            try await index.queue.write { db in try Self.spillTemporaryData(db) }
            try await index.removeAll()
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        let opened = await watcher.stop()
        try outcome.get()
        #expect(opened.isEmpty)

        // The same spill on a database that keeps temporary data in files opens one, and the
        // watcher sees it.
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA temp_store = FILE") }
        let onDisk = try DatabaseQueue(configuration: configuration)
        let controlWatcher = TemporaryFileWatcher()
        let spilled = Result { try onDisk.write { db in try Self.spillTemporaryData(db) } }
        let seenByControl = await controlWatcher.stop()
        try spilled.get()
        #expect(!seenByControl.isEmpty)
    }

    static func spillTemporaryData(_ db: Database) throws {
        try db.execute(
            sql: """
                PRAGMA cache_size = 2;
                CREATE TEMP TABLE spill AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
                WHERE i < 20000) SELECT i, randomblob(200) AS blob FROM n;
                DROP TABLE spill;
                """
        )
    }
}
