import GRDB

/// `messages.search`: folded terms against the index, newest hits first.
///
/// Every path walks rows newest first and stops at the limit, so none sorts the history:
/// - `recent` reads the newest ``SearchQuery/recentWindow`` rows with `instr`.
/// - `all` in a conversation of at most ``conversationScanFactor`` × ``SearchIndex/scanBudget``
///   messages reads that conversation with `instr`.
/// - `all` with only short terms first reads the newest ``SearchIndex/scanBudget`` rows: so short
///   a term is usually common, and this finds a page of hits at once.
/// - Otherwise the trigram index answers (``SearchIndex/matchPlan(_:in:)``).
extension SearchIndex {
    /// Messages containing every term of `query.text` (case- and diacritic-insensitive
    /// substrings, any order), newest first, at most `query.limit`.
    ///
    /// - Throws: ``StoreError/Code/invalidQuery`` for a query without words or a limit below 1.
    package func search(_ query: SearchQuery) async throws(StoreError) -> [SearchHit] {
        guard query.limit >= 1 else {
            throw StoreError(.invalidQuery, "the search limit must be at least 1 (it was \(query.limit))")
        }
        var folder = TextFolder()
        let terms = try SearchTerms(query.text, folder: &folder)
        let limit = min(query.limit, SearchQuery.maximumLimit)
        let scope = query.scope
        let conversationId = query.conversationId
        let scalars = terms.scalars
        let budget = scanBudget
        return try await read("search") { db in
            var folder = TextFolder()
            let rows = try Self.matches(
                terms, scope: scope, conversationId: conversationId, limit: limit, scanBudget: budget, in: db)
            return rows.map { row in
                let text: String = row["text"]
                return SearchHit(
                    messageId: row["message_id"],
                    conversationId: row["conversation_id"],
                    highlights: folder.foldWithOrigins(text).highlights(of: scalars)
                )
            }
        }
    }

    static func matches(
        _ terms: SearchTerms,
        scope: SearchQuery.Scope,
        conversationId: String?,
        limit: Int,
        scanBudget: Int,
        in db: Database
    ) throws -> [Row] {
        if scope == .recent {
            let start = try newestKeys(SearchQuery.recentWindow, in: nil, db)
            return try scan(terms.terms, from: start, in: conversationId, limit: limit, db)
        }
        if let conversationId {
            let size = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT count(*) FROM (SELECT 1 FROM entry WHERE conversation_id = ? LIMIT ?)"),
                arguments: [conversationId, scanBudget * conversationScanFactor + 1]
            )
            if let size, size <= scanBudget * conversationScanFactor {
                return try scan(terms.terms, from: nil, in: conversationId, limit: limit, db)
            }
        }
        if terms.indexed.isEmpty && scanBudget > 0 {
            let start = try newestKeys(scanBudget, in: conversationId, db)
            let rows = try scan(terms.terms, from: start, in: conversationId, limit: limit, db)
            if rows.count == limit || start == nil { return rows }
        }
        guard let plan = try matchPlan(terms, in: db) else { return [] }
        guard let expression = plan.expression else {
            return try scan(terms.terms, from: nil, in: conversationId, limit: limit, db)
        }
        var conditions = ["entry_fts MATCH ?"]
        var arguments: StatementArguments = [expression]
        for term in plan.remaining {
            conditions.append("instr(entry.folded, ?) > 0")
            arguments += [term]
        }
        if let conversationId {
            conditions.append("entry.conversation_id = ?")
            arguments += [conversationId]
        }
        arguments += [limit]
        return try Row.fetchAll(
            db,
            sql: """
                SELECT entry.message_id, entry.conversation_id, entry.text
                FROM entry_fts CROSS JOIN entry ON entry.key = entry_fts.rowid
                WHERE \(conditions.joined(separator: " AND ")) ORDER BY entry_fts.rowid DESC LIMIT ?
                """,
            arguments: arguments
        )
    }

    /// A conversation of up to this many times the scan budget is read whole: the conversation
    /// index holds the folded text, so reading it costs little more than the table itself.
    static let conversationScanFactor = 4

    /// The key of the `count`-th newest row (of one conversation, or of all), or nil when there
    /// are no more rows than that.
    static func newestKeys(_ count: Int, in conversationId: String?, _ db: Database) throws -> Int64? {
        guard let conversationId else {
            return try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT key FROM entry ORDER BY key DESC LIMIT 1 OFFSET ?"),
                arguments: [count - 1]
            )
        }
        return try Int64.fetchOne(
            db.cachedStatement(
                sql: "SELECT key FROM entry WHERE conversation_id = ? ORDER BY key DESC LIMIT 1 OFFSET ?"),
            arguments: [conversationId, count - 1]
        )
    }

    /// Rows from key `start` on (all when nil), in one conversation or all, containing every
    /// term, newest first.
    static func scan(
        _ terms: [String],
        from start: Int64?,
        in conversationId: String?,
        limit: Int,
        _ db: Database
    ) throws -> [Row] {
        var conditions = terms.map { _ in "instr(folded, ?) > 0" }
        var arguments = StatementArguments(terms)
        if let start {
            conditions.append("key >= ?")
            arguments += [start]
        }
        if let conversationId {
            conditions.append("conversation_id = ?")
            arguments += [conversationId]
        }
        arguments += [limit]
        return try Row.fetchAll(
            db,
            sql: """
                SELECT message_id, conversation_id, text FROM entry
                WHERE \(conditions.joined(separator: " AND ")) ORDER BY key DESC LIMIT ?
                """,
            arguments: arguments
        )
    }
}
