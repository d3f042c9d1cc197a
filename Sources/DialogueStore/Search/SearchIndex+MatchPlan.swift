import GRDB

/// Turning terms into an FTS5 MATCH expression, short terms included.
///
/// A term of three scalars or more is one quoted string: the trigram tokenizer matches it as a
/// substring. A shorter term has no trigram of its own, but because every indexed text ends in
/// ``SearchIndex/endPadding``, each of its occurrences is the start of some trigram in the index.
/// The vocabulary (`entry_trigram`) lists those trigrams, and "any of them" is an OR group that
/// the index answers exactly. A term with no such trigram occurs nowhere, so nothing matches.
extension SearchIndex {
    /// The most trigrams an OR group may hold; a term with more is common enough for `instr`.
    static let maximumGroup = 256

    /// - Returns: nil when some term occurs nowhere; otherwise the expression (nil when no term
    ///   can be put into one) and the terms left for `instr`.
    static func matchPlan(_ terms: SearchTerms, in db: Database) throws -> (expression: String?, remaining: [String])? {
        var parts = terms.indexed.map(SearchTerms.quoted)
        var remaining: [String] = []
        for term in terms.unindexed {
            let length = term.unicodeScalars.count
            // With a long term to narrow the rows, a one-scalar term is cheaper to check with
            // `instr` than to list: its trigrams cover much of the index.
            if length == 1 && !terms.indexed.isEmpty {
                remaining.append(term)
                continue
            }
            let trigrams = try String.fetchAll(
                db.cachedStatement(sql: "SELECT term FROM entry_trigram WHERE term >= ? AND term <= ? LIMIT ?"),
                arguments: [
                    term, term + String(repeating: "\u{10FFFF}", count: SearchTerms.trigramLength - length),
                    maximumGroup + 1,
                ]
            )
            if trigrams.isEmpty { return nil }
            if trigrams.count > maximumGroup {
                remaining.append(term)
            } else {
                parts.append("(" + trigrams.map(SearchTerms.quoted).joined(separator: " OR ") + ")")
            }
        }
        return (parts.isEmpty ? nil : parts.joined(separator: " AND "), remaining)
    }
}
