/// A search the latency scenario repeats, with a label for the per-query breakdown.
struct BenchmarkQuery: Sendable {
    var label: String
    var text: String
    /// Narrows the search to the corpus's conversation of this rank (0 is the largest, about a
    /// sixth of the history; 9 holds about 2 %).
    var conversationRank: Int?

    /// What people type: common and rare words, fragments, several words, short terms, accents,
    /// and searches inside one small and one large conversation.
    static let mix: [BenchmarkQuery] = [
        BenchmarkQuery(label: "common word", text: "the"),
        BenchmarkQuery(label: "medium word", text: "meeting"),
        BenchmarkQuery(label: "rare word", text: "quokka"),
        BenchmarkQuery(label: "absent word", text: "xylophonic"),
        BenchmarkQuery(label: "fragment", text: "eploy"),
        BenchmarkQuery(label: "two words", text: "deploy tomorrow"),
        BenchmarkQuery(label: "three common words", text: "can you send"),
        BenchmarkQuery(label: "accent-free name", text: "zurich"),
        BenchmarkQuery(label: "ticket number", text: "INC-4821"),
        BenchmarkQuery(label: "short term", text: "ok"),
        BenchmarkQuery(label: "absent short term", text: "zq"),
        BenchmarkQuery(label: "short and long terms", text: "db search"),
        BenchmarkQuery(label: "single letter", text: "e"),
        BenchmarkQuery(label: "rare letter", text: "ł"),
        BenchmarkQuery(label: "common word, 2 % conversation", text: "the", conversationRank: 9),
        BenchmarkQuery(label: "rare word, 2 % conversation", text: "kerfuffle", conversationRank: 9),
        BenchmarkQuery(label: "common word, largest conversation", text: "the", conversationRank: 0),
        BenchmarkQuery(label: "rare word, largest conversation", text: "kerfuffle", conversationRank: 0),
    ]
}
