/// The search prompt: what is typed, and the hits of the last search run.
struct ChatSearch: Sendable, Equatable {
    var query = ChatComposer()
    /// The query the results belong to; `nil` before the first search.
    var searchedQuery: String?
    var results: [ChatMessage] = []
    var selected = 0
    var isSearching = false

    /// Whether Enter should open the highlighted hit rather than search again.
    var showsCurrentResults: Bool { searchedQuery == query.text && !results.isEmpty }
}
