import ArgumentParser
import DialogueRPC
import Foundation

/// `dialogue search QUERY [--all] [--in CHAT] [--limit N]`: `messages.search`, hits highlighted.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search your messages (the newest 1000 by default, or --all of the cache; works offline).")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "What to look for.")
    var query: String

    @Flag(help: "Search the whole cached history, not only the newest 1000 messages.")
    var all = false

    @Option(
        name: .customLong("in"), help: ArgumentHelp("Only in this conversation.", valueName: "chat"),
        completion: .custom(Completions.chats))
    var chat: String?

    @Option(help: "How many hits at most.")
    var limit: Int?

    func validate() throws {
        if query.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("QUERY must not be empty.") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
    }

    func run() async throws {
        try await Session.with(global) { session in
            var conversationID: String?
            if let chat { conversationID = try await session.conversationID(for: chat) }
            let request = MessagesSearchRequest(
                query: query, scope: all ? "all" : "recent", conversationId: conversationID, limit: limit)
            let result = try await session.result(of: request)
            let formatter = await session.formatter(withPeople: true)
            try session.emit(result, as: MessagesSearchRequest.self) { formatter.searchHits($0) }
        }
    }
}
