import DialogueProtocol
import DialogueRPC
import DialogueRPCTransport
import Foundation

/// The assistant's methods: `bot.ask`, `bot.cancel`, `bot.history`, `bot.clear`.
///
/// `bot.token` and `bot.done` go to the connection that asked, whether or not it subscribed, and,
/// as spec/rpc.md lists them among the notifications, to every other connection subscribed to
/// them; each connection gets each token once, in order. When the asking connection closes, its
/// answer is cancelled: the front end that wanted it is gone.
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
        let broadcaster = sessions.broadcaster
        router.register("bot.ask", params: AskParams.self) { params, context in
            let connection = context.connection
            // Other subscribers get the same stream through one ordered queue.
            let (others, relay) = AsyncStream<(String, JSONValue)>.makeStream()
            Task {
                for await (method, params) in others {
                    await broadcaster.publish(method, params, except: connection.id)
                }
            }
            let requestId: String
            do {
                requestId = try await assistant.ask(prompt: params.prompt) { event in
                    let (method, params): (String, JSONValue)
                    switch event {
                    case .token(let requestId, let text):
                        (method, params) = ("bot.token", ["requestId": .string(requestId), "text": .string(text)])
                    case .done(let requestId, let error):
                        var done: [String: JSONValue] = ["requestId": .string(requestId)]
                        if let error { done["error"] = .string(error) }
                        (method, params) = ("bot.done", .object(done))
                    }
                    _ = connection.notify(method: method, params: params)
                    relay.yield((method, params))
                    if method == "bot.done" { relay.finish() }
                }
            } catch let error as DaemonError {
                relay.finish()
                throw rpcError(error, in: "bot.ask")
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
