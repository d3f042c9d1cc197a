import DialogueRPC
import DialogueRPCTransport
import Foundation

/// Shell completions for CHAT and USER arguments, asked of the daemon at completion time.
///
/// They must never hang or fail a shell: any error, or no answer within a second, gives no
/// suggestions. The script generators only reference these closures, so generating scripts
/// (`--generate-completion-script`) never contacts the daemon.
enum Completions {
    /// Conversation names (and ids) for CHAT.
    @Sendable static func chats(_ words: [String], _ index: Int, _ prefix: String) async -> [String] {
        await chats(words, prefix: prefix, within: defaultWait)
    }

    /// People's names for USER.
    @Sendable static func users(_ words: [String], _ index: Int, _ prefix: String) async -> [String] {
        await users(words, prefix: prefix, within: defaultWait)
    }

    /// How long a shell waits for suggestions before it gets none.
    static let defaultWait = Duration.seconds(1)

    static func chats(_ words: [String], prefix: String, within wait: Duration) async -> [String] {
        await suggestions(words: words, within: wait) { client in
            let conversations = try await client.call("conversations.list", params: ["filter": "all"]).arrayValue ?? []
            return conversations.compactMap { $0["name"]?.stringValue ?? $0["id"]?.stringValue }
        }.filter { $0.hasPrefix(prefix) }
    }

    static func users(_ words: [String], prefix: String, within wait: Duration) async -> [String] {
        await suggestions(words: words, within: wait) { client in
            let users = try await client.call("users.list").arrayValue ?? []
            return users.compactMap { $0["fullname"]?.stringValue ?? $0["id"]?.stringValue }
        }.filter { $0.hasPrefix(prefix) }
    }

    /// The `--socket` value among the words being completed, if any.
    static func socketPath(in words: [String]) -> String? {
        for (index, word) in words.enumerated() {
            if word == "--socket", index + 1 < words.count { return words[index + 1] }
            if word.hasPrefix("--socket=") { return String(word.dropFirst("--socket=".count)) }
        }
        return nil
    }

    private static func suggestions(
        words: [String],
        within wait: Duration,
        _ body: @escaping @Sendable (RPCClient) async throws -> [String]
    ) async -> [String] {
        guard let path = socketPath(in: words) ?? (try? RPCServer.defaultSocketPath()) else { return [] }
        return await withTaskGroup(of: [String]?.self) { group in
            group.addTask {
                try? await RPCClient.withConnection(socketPath: path) { client in try await body(client) }
            }
            group.addTask {
                try? await Task.sleep(for: wait)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? []
        }
    }
}
