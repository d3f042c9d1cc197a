import AsyncHTTPClient
import DialogueProtocol
import DialogueStore
import Foundation
import Logging

/// The assistant behind `bot.ask`, `bot.cancel`, `bot.history` and `bot.clear`.
///
/// One answer streams at a time (a second `bot.ask` meanwhile is a `conflict`), as a task of its
/// own so that `bot.cancel` cancels it and, with it, the HTTP request. The question is saved in
/// the sealed history before the request starts and the answer once it is complete (see
/// ``AssistantHistory`` for what a failed answer leaves). Every answer ends with exactly one
/// ``AssistantEvent/done(requestId:error:)``, sent after the history is saved and the next
/// question is allowed, so a front end may ask again as soon as it sees it.
///
/// Prompts and answers are never logged.
package actor AssistantService {
    private let keyStore: KeyStoreController
    private let http: HTTPClient
    private let settings: AssistantSettings
    private let logger: Logger
    /// The answer streaming now, if any.
    private var active: (requestId: String, task: Task<Void, Never>?)?
    private var cancelled: Set<String> = []
    /// The last history change; each change runs after it, so changes never interleave.
    private var lastChange: Task<Void, Never>?

    /// Longest question accepted (the server's per-message ceiling).
    static let maximumPromptCharacters = AssistantHistory.maximumContextCharacters

    package init(keyStore: KeyStoreController, http: HTTPClient, settings: AssistantSettings, logger: Logger) {
        self.keyStore = keyStore
        self.http = http
        self.settings = settings
        self.logger = logger
    }

    /// Saves the question and starts streaming its answer to `deliver`.
    /// - Returns: The request id the events carry.
    /// - Throws: `invalid_input` for an empty or over-long prompt, `conflict` while another answer
    ///   streams, `locked`, and `not_signed_in` in server mode without an account.
    func ask(prompt: String, deliver: @escaping @Sendable (AssistantEvent) -> Void) async throws(DaemonError) -> String
    {
        guard !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DaemonError(.invalidInput, "prompt must not be empty")
        }
        guard prompt.count <= Self.maximumPromptCharacters else {
            throw DaemonError(.invalidInput, "prompt may be at most \(Self.maximumPromptCharacters) characters long")
        }
        guard active == nil else {
            throw DaemonError(.conflict, "An answer is still streaming: wait for bot.done or call bot.cancel")
        }
        let requestId = UUID().uuidString.lowercased()
        active = (requestId, nil)
        let context: [AssistantMessage]
        let transport: any AssistantTransport
        let owner: String?
        do {
            let (store, account) = try await target()
            transport = try makeTransport(account: account)
            owner = account?.user.id
            let turn = AssistantTurn(role: .user, text: prompt, createdAt: Date())
            context = try await change(store, owner: owner) { $0.append(turn) }.context
        } catch {
            active = nil
            throw error
        }
        logger.info(
            "assistant question sent",
            metadata: ["dialogue.request": "\(requestId)", "dialogue.assistant.mode": "\(transport.mode.rawValue)"])
        let task = Task {
            let outcome: Result<String, DaemonError>
            do throws(DaemonError) {
                outcome = .success(
                    try await transport.answer(context) { deliver(.token(requestId: requestId, text: $0)) })
            } catch {
                outcome = .failure(error)
            }
            await self.finish(requestId, owner: owner, outcome: outcome, deliver: deliver)
        }
        active = (requestId, task)
        // Cancelled while its question was being saved.
        if cancelled.contains(requestId) { task.cancel() }
        return requestId
    }

    /// Cancels a streaming answer and returns once its `bot.done` was sent.
    /// - Throws: `not_found` when no answer with this id is streaming.
    func cancel(_ requestId: String) async throws(DaemonError) {
        guard let active, active.requestId == requestId else {
            throw DaemonError(.notFound, "No answer \(requestId) is streaming")
        }
        cancelled.insert(requestId)
        // A request still saving its question has no task yet: `ask` cancels it as soon as it starts.
        guard let task = active.task else { return }
        task.cancel()
        await task.value
    }

    /// Cancels `requestId` if it still streams (its front end went away).
    func abandon(_ requestId: String) async {
        try? await cancel(requestId)
    }

    /// The kept conversation, oldest first.
    func history() async throws(DaemonError) -> [AssistantTurn] {
        let (store, account) = try await target()
        return try await change(store, owner: account?.user.id) { _ in }.turns
    }

    /// Cancels a streaming answer, then forgets the conversation.
    func clear() async throws(DaemonError) {
        if let requestId = active?.requestId { await abandon(requestId) }
        let (store, account) = try await target()
        _ = try await change(store, owner: account?.user.id) { $0.turns.removeAll() }
        logger.info("assistant history cleared")
    }

    // MARK: - Internals

    private func finish(
        _ requestId: String,
        owner: String?,
        outcome: Result<String, DaemonError>,
        deliver: @Sendable (AssistantEvent) -> Void
    ) async {
        var failure: DaemonError?
        if cancelled.remove(requestId) != nil {
            failure = AssistantFailure.cancelled
        } else {
            switch outcome {
            case .success(let answer):
                failure = await save(answer, owner: owner)
            case .failure(let error):
                failure = error
            }
        }
        active = nil
        if let failure {
            logger.notice(
                "assistant answer failed", metadata: ["dialogue.request": "\(requestId)", "error": "\(failure.code)"])
        } else {
            logger.info("assistant answer complete", metadata: ["dialogue.request": "\(requestId)"])
        }
        deliver(.done(requestId: requestId, error: failure?.message))
    }

    /// Keeps a complete answer, unless the cache was locked or the account changed meanwhile.
    private func save(_ answer: String, owner: String?) async -> DaemonError? {
        do {
            let (store, account) = try await target()
            guard account?.user.id == owner else {
                return DaemonError(.notSignedIn, "The account changed while the answer streamed: it was not kept")
            }
            let turn = AssistantTurn(role: .assistant, text: answer, createdAt: Date())
            _ = try await change(store, owner: owner) { $0.append(turn) }
            return nil
        } catch {
            logger.warning("the assistant answer could not be kept", metadata: ["error": "\(error.code)"])
            return DaemonError(.failed, "The answer could not be kept in the cache: \(error.message)")
        }
    }

    /// The unlocked cache and its account, if signed in.
    private func target() async throws(DaemonError) -> (LocalStore, AccountRecord?) {
        let store = try await keyStore.store()
        return (store, try await DaemonHandlers.account(in: store))
    }

    private func makeTransport(account: AccountRecord?) throws(DaemonError) -> any AssistantTransport {
        switch settings.mode {
        case .server:
            guard let account else {
                throw DaemonError(
                    .notSignedIn,
                    "The assistant answers through your Dialogue server: sign up or log in first (or set mode = \"direct\" in [assistant])"
                )
            }
            return ServerAssistantTransport(server: account.server, token: account.token, http: http, logger: logger)
        case .direct:
            guard let baseURL = settings.baseURL, let model = settings.model else {
                throw DaemonError(.failed, "AI assistant is not configured: set baseURL and model in [assistant]")
            }
            return DirectAssistantTransport(
                baseURL: baseURL, model: model, apiKeyFile: settings.apiKeyFile, http: http, logger: logger)
        }
    }

    /// Reads, changes and writes the history after every earlier change has finished.
    private func change(
        _ store: LocalStore,
        owner: String?,
        _ body: @escaping @Sendable (inout AssistantHistory) -> Void
    ) async throws(DaemonError) -> AssistantHistory {
        let previous = lastChange
        let task = Task { () async throws -> AssistantHistory in
            await previous?.value
            var history = try await store.meta(AssistantHistory.metaKey, as: AssistantHistory.self)
            if history?.owner != owner { history = nil }
            let current = history ?? AssistantHistory(owner: owner)
            var changed = current
            body(&changed)
            if changed != current { try await store.setMeta(AssistantHistory.metaKey, changed) }
            return changed
        }
        lastChange = Task { _ = await task.result }
        do {
            return try await task.value
        } catch {
            logger.warning("the assistant history could not be read or written", metadata: ["error": "\(error)"])
            throw DaemonError(.failed, "The assistant history in the cache could not be read or written")
        }
    }
}
