/// A query's text as folded terms.
///
/// Terms are the whitespace-separated words of the query, folded like the index, without
/// duplicates. Every term is taken literally: quotes, `*`, `-`, `:`, `AND` or `NEAR(` carry no
/// query syntax.
struct SearchTerms {
    /// The shortest term the FTS5 trigram tokenizer can find by itself.
    static let trigramLength = 3

    /// The folded terms, in the order they first appear in the query.
    var terms: [String]

    init(_ text: String, folder: inout TextFolder) throws(StoreError) {
        var terms: [String] = []
        for word in text.split(whereSeparator: { $0.isWhitespace }) {
            let term = folder.fold(String(word))
            if !term.isEmpty && !terms.contains(term) { terms.append(term) }
        }
        guard !terms.isEmpty else {
            throw StoreError(.invalidQuery, "the search query has no words to look for; type at least one character")
        }
        self.terms = terms
    }

    var scalars: [[Unicode.Scalar]] { terms.map { Array($0.unicodeScalars) } }

    /// Terms the trigram index can answer (three scalars or more).
    var indexed: [String] { terms.filter { $0.unicodeScalars.count >= Self.trigramLength } }

    /// Terms too short for a trigram of their own (see ``SearchIndex/matchPlan(_:in:)``).
    var unindexed: [String] { terms.filter { $0.unicodeScalars.count < Self.trigramLength } }

    /// `text` as one FTS5 string (inner quotes doubled), which carries no query syntax; with the
    /// trigram tokenizer it matches wherever `text` occurs as a substring.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
