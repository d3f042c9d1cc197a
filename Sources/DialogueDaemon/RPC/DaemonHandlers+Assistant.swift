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
    func registerAssistantMethods(on router: RPCRouter) {
        let assistant = AssistantService(
            keyStore: keyStore, http: http, settings: configuration.assistant, logger: logger)
        let broadcaster = sessions.broadcaster
        router.register(BotAskRequest.self) { params, context in
            let connection = context.connection
            // Other subscribers get the same stream through one ordered queue.
            let (others, relay) = AsyncStream<(LocalEvent, JSONValue)>.makeStream()
            Task {
                for await (event, params) in others {
                    await broadcaster.publish(event, encoded: params, except: connection.id)
                }
            }
            let requestId: String
            do {
                requestId = try await assistant.ask(prompt: params.prompt) { event in
                    let notification: LocalEvent =
                        switch event {
                        case .token(let requestId, let text): .botToken(BotTokenView(requestId: requestId, text: text))
                        case .done(let requestId, let error): .botDone(BotDoneView(requestId: requestId, error: error))
                        }
                    // The views hold only strings, so encoding cannot fail.
                    let params = (try? notification.params()) ?? .object([:])
                    _ = connection.notify(method: notification.method, params: params)
                    relay.yield((notification, params))
                    if case .botDone = notification { relay.finish() }
                }
            } catch let error as DaemonError {
                relay.finish()
                throw rpcError(error, in: "bot.ask")
            }
            connection.onClose { Task { await assistant.abandon(requestId) } }
            return BotAskResult(requestId: requestId)
        }
        on(router, BotCancelRequest.self) { params in
            try await assistant.cancel(params.requestId)
            return EmptyResult()
        }
        on(router, BotHistoryRequest.self) { _ in
            try await assistant.history().map { turn in
                BotTurnView(
                    role: BotTurnView.Role(rawValue: turn.role.rawValue) ?? .user, text: turn.text,
                    createdAt: WireDate.string(from: turn.createdAt))
            }
        }
        on(router, BotClearRequest.self) { _ in
            try await assistant.clear()
            return EmptyResult()
        }
    }
}
