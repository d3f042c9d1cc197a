import AsyncHTTPClient
import DialogueProtocol
import Hummingbird
import Logging
import NIOCore

/// `POST /api/auth/chatbot`: the original's streaming assistant, as chunked plain text.
struct AssistantController {
    let proxy: AssistantProxy?
    let configuration: AssistantConfiguration
    let limiter: RateLimiter

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("chatbot", use: ask)
    }

    @Sendable func ask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let userId = try context.requireUser()
        guard let proxy, configuration.isConfigured else {
            throw ServerError(
                .serviceUnavailable,
                code: .assistantNotConfigured,
                "AI assistant is not configured: set DIALOGUE_AI_API_KEY (or GROQ_API_KEY) on the server."
            )
        }
        // Collected into the request itself, so that the answer below can still watch the
        // connection's inbound side (`consumeWithCancellationOnInboundClose`).
        var request = request
        let body = try await request.collectJSON(AssistantRequest.self, context: context)
        try validate(body)
        if let retryAfter = await limiter.attempt(userId) {
            throw ServerError(
                .tooManyRequests,
                code: .rateLimited,
                "You are asking too fast: try again in \(retryAfter) seconds.",
                retryAfter: retryAfter
            )
        }
        let upstream = try await proxy.open(body.messages)
        let logger = context.logger
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-cache"],
            body: ResponseBody { [request] writer in
                // A client that leaves while the provider is silent fails no write: the closing of
                // its connection cancels the relay instead, and with it the upstream request.
                // (Hummingbird then closes the connection after this answer.)
                try await request.body.consumeWithCancellationOnInboundClose { _ in
                    var decoder = ChatStreamDecoder()
                    var finished = false
                    func emit(_ outputs: [ChatStreamDecoder.Output]) async throws {
                        for output in outputs where !finished {
                            switch output {
                            case .token(let text): try await writer.write(ByteBuffer(string: text))
                            case .done: finished = true
                            case .error(let message):
                                logger.warning(
                                    "the AI provider failed mid-answer", metadata: ["error": "\(message)"])
                                throw ServerError(.badGateway, code: .assistantUnavailable, message)
                            case .malformed:
                                logger.notice("skipped a malformed event from the AI provider")
                            }
                        }
                    }
                    for try await buffer in upstream.body {
                        try await emit(decoder.feed(buffer.readableBytesView))
                        if finished { break }
                    }
                    try await emit(decoder.finish())
                }
                try await writer.finish(nil)
            }
        )
    }

    private func validate(_ body: AssistantRequest) throws {
        guard !body.messages.isEmpty else { throw ServerError.invalidInput("`messages` is empty.") }
        guard body.messages.count <= configuration.maxMessages else {
            throw ServerError.invalidInput("Send at most \(configuration.maxMessages) messages of context.")
        }
        for message in body.messages {
            guard message.role == "user" || message.role == "assistant" else {
                throw ServerError.invalidInput("A message's `role` must be user or assistant.")
            }
            guard message.content.count <= configuration.maxMessageCharacters else {
                throw ServerError.invalidInput(
                    "A message may be at most \(configuration.maxMessageCharacters) characters long."
                )
            }
        }
        guard body.messages.last?.role == "user" else {
            throw ServerError.invalidInput("The last message must be the user's question.")
        }
    }
}
