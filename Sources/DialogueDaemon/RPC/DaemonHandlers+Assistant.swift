import DialogueProtocol
import DialogueRPC
import DialogueRPCTransport
import Foundation

/// The assistant's methods: `bot.ask`, `bot.cancel`, `bot.history`, `bot.clear`.
///
/// `bot.token` and `bot.done` go to the connection that asked, whether or not it subscribed, and
/// to no other: an answer belongs to the front end that asked for it (others see it in
/// `bot.history` once complete), and a front end that subscribed to `bot.*` before asking (as the
/// CLI does) would otherwise receive every token twice. When that connection closes, its answer
/// is cancelled: nobody is left to read it.
extension DaemonHandlers {
    /// `bot.ask {prompt}`.
    struct AskParams: Decodable, Sendable {
        var prompt: String
    }

    /// `bot.cancel {requestId}`.
    struct RequestParams: Decodable, Sendable {
        var requestId: String
    }

    func registerAssistantMethods(on router: RPCRouter) {
        let assistant = AssistantService(
            keyStore: keyStore, http: http, settings: configuration.assistant, logger: logger)
        router.register("bot.ask", params: AskParams.self) { params, context in
            let connection = context.connection
            let requestId: String
            do {
                requestId = try await assistant.ask(prompt: params.prompt) { event in
                    switch event {
                    case .token(let requestId, let text):
                        _ = connection.notify(
                            method: "bot.token", params: ["requestId": .string(requestId), "text": .string(text)])
                    case .done(let requestId, let error):
                        var done: [String: JSONValue] = ["requestId": .string(requestId)]
                        if let error { done["error"] = .string(error) }
                        _ = connection.notify(method: "bot.done", params: .object(done))
                    }
                }
            } catch let error as DaemonError {
                throw RPCError(error)
            }
            connection.onClose { Task { await assistant.abandon(requestId) } }
            return JSONValue.object(["requestId": .string(requestId)])
        }
        on(router, "bot.cancel", RequestParams.self) { params in
            try await assistant.cancel(params.requestId)
            return JSONValue.object([:])
        }
        on(router, "bot.history", NoParams.self) { _ in
            try await assistant.history().map { turn -> JSONValue in
                [
                    "role": .string(turn.role.rawValue), "text": .string(turn.text),
                    "createdAt": .string(WireDate.string(from: turn.createdAt)),
                ]
            }
        }
        on(router, "bot.clear", NoParams.self) { _ in
            try await assistant.clear()
            return JSONValue.object([:])
        }
    }
}
