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
            var params: [String: JSONValue] = ["query": .string(query), "scope": all ? "all" : "recent"]
            if let chat { params["conversationId"] = .string(try await session.conversationID(for: chat)) }
            if let limit { params["limit"] = .integer(limit) }
            let result = try await session.call("messages.search", .object(params))
            let formatter = await session.formatter(withPeople: true)
            session.emit(result) { formatter.searchHits($0) }
        }
    }
}
