import DialogueProtocol
import DialogueServerStore
import Hummingbird

/// `/api/messages/*`: the original's message routes, carrying signed envelopes.
struct MessageController {
    let store: any ServerStore
    let hub: EventHub
    let limits: MessageLimits
    let clock: any ServerClock

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("users", use: users)
        group.get("recent", use: recent)
        group.get(":id", use: history)
        group.post("send/:id", use: send)
        group.put("mark/:id", use: mark)
        group.put("edit/:id", use: edit)
        group.delete("delete/:id", use: delete)
        group.put("react/:id", use: react)
    }

    @Sendable func users(_ request: Request, context: AppRequestContext) async throws -> Response {
        let online = await hub.onlineUsers()
        let email = try request.uri.queryParameters.get("email").map { try Validation.email(String($0)) }
        return try .json(
            UsersResponse(
                users: try await store.sidebar(for: try context.requireUser(), online: online, email: email)))
    }

    @Sendable func recent(_ request: Request, context: AppRequestContext) async throws -> Response {
        try .json(
            MessagesResponse(messages: try await store.recentMessages(for: try context.requireUser(), limit: 1000)))
    }

    @Sendable func history(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let limitText = request.uri.queryParameters.get("limit")
        let limit =
            try limitText.map { text -> Int in
                guard let value = Int(text), (1...200).contains(value) else {
                    throw ServerError.invalidInput("`limit` must be an integer from 1 to 200.")
                }
                return value
            } ?? 50
        let page = try await store.history(
            conversationId: id,
            for: try context.requireUser(),
            before: request.uri.queryParameters.get("before"),
            limit: limit
        )
        return try .json(MessagesResponse(messages: page.messages, nextBefore: page.nextBefore))
    }

    @Sendable func send(_ request: Request, context: AppRequestContext) async throws -> Response {
        let conversationId = try context.parameters.require("id")
        let body = try await request.decodeJSON(SendMessageRequest.self, context: context)
        try validateEvent(id: body.id, deviceId: body.deviceId, envelope: body.envelope)
        let message = try await store.sendMessage(
            conversationId: conversationId,
            senderId: try context.requireUser(),
            request: body,
            limits: limits,
            now: clock.now()
        )
        return try .json(MessageResponse(message: message), status: .created)
    }

    @Sendable func mark(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeOptionalJSON(MarkSeenRequest.self, context: context)
        let receipt = try await store.markSeen(
            messageId: try context.parameters.require("id"),
            by: try context.requireUser(),
            upTo: body?.upTo ?? false,
            now: clock.now()
        )
        return try .json(SeenResponse(receipt: receipt))
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(EventEnvelopeRequest.self, context: context)
        try validateEvent(body)
        let message = try await store.editMessage(
            messageId: try context.parameters.require("id"),
            by: try context.requireUser(),
            request: body,
            limits: limits,
            now: clock.now()
        )
        return try .json(MessageResponse(message: message))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeOptionalJSON(EventEnvelopeRequest.self, context: context)
        if let body { try validateEvent(body) }
        let message = try await store.deleteMessage(
            messageId: try context.parameters.require("id"),
            by: try context.requireUser(),
            request: body,
            now: clock.now()
        )
        return try .json(MessageResponse(message: message))
    }

    @Sendable func react(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(EventEnvelopeRequest.self, context: context)
        try validateEvent(body)
        let reaction = try await store.react(
            messageId: try context.parameters.require("id"),
            by: try context.requireUser(),
            request: body,
            now: clock.now()
        )
        return try .json(ReactionResponse(reaction: reaction))
    }

    /// The checks every signed event body gets: a well-formed client id and device id, and an
    /// envelope that is neither empty nor over the limit.
    private func validateEvent(id: String, deviceId: String, envelope: Bytes) throws {
        try Validation.clientId(id, field: "id")
        try Validation.clientId(deviceId, field: "deviceId")
        try Validation.bytes(envelope, field: "envelope", max: limits.maxEnvelopeBytes)
    }

    private func validateEvent(_ body: EventEnvelopeRequest) throws {
        try validateEvent(id: body.id, deviceId: body.deviceId, envelope: body.envelope)
    }
}
