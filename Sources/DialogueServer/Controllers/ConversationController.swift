import DialogueProtocol
import DialogueServerStore
import Hummingbird

/// `/api/conversations/*`: the original's group routes, each carrying the signed op that
/// clients verify, plus the op log itself.
struct ConversationController {
    let store: any ServerStore
    let clock: any ServerClock

    /// Largest signed op (a rekey to a large group carries one envelope per device).
    static let maxOpBytes = 1024 * 1024
    /// Most members one request may name.
    static let maxMembers = 1000

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("list", use: list)
        group.post("create", use: create)
        group.put("add-members", use: addMembers)
        group.put("remove-member", use: removeMember)
        group.put("update-info", use: updateInfo)
        group.delete("delete", use: delete)
        group.get(":id", use: show)
        group.get(":id/ops", use: ops)
        group.post(":id/ops", use: appendOp)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try .json(ConversationsResponse(conversations: try await store.conversations(for: try context.requireUser())))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let conversation = try await store.conversation(
            id: try context.parameters.require("id"),
            for: try context.requireUser()
        )
        return try .json(ConversationResponse(conversation: conversation))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(CreateConversationRequest.self, context: context)
        try Validation.clientId(body.id, field: "id")
        try Validation.clientId(body.deviceId, field: "deviceId")
        try Validation.bytes(body.op, field: "op", max: Self.maxOpBytes)
        guard body.participants.count <= Self.maxMembers else {
            throw ServerError.invalidInput("A conversation may have at most \(Self.maxMembers) participants.")
        }
        let conversation = try await store.createConversation(
            body, creator: try context.requireUser(), now: clock.now())
        return try .json(ConversationResponse(conversation: conversation), status: .created)
    }

    @Sendable func addMembers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(AddMembersRequest.self, context: context)
        return try await apply(
            OpChange(
                conversationId: body.conversationId,
                authorId: try context.requireUser(),
                authorDeviceId: body.deviceId,
                seq: body.seq,
                type: .add,
                memberIds: body.memberIds,
                shareHistory: body.shareHistory ?? false,
                op: body.op
            )
        )
    }

    @Sendable func removeMember(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(RemoveMemberRequest.self, context: context)
        let userId = try context.requireUser()
        return try await apply(
            OpChange(
                conversationId: body.conversationId,
                authorId: userId,
                authorDeviceId: body.deviceId,
                seq: body.seq,
                type: body.memberId == userId ? .leave : .remove,
                memberIds: body.memberId == userId ? [] : [body.memberId],
                op: body.op
            )
        )
    }

    @Sendable func updateInfo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(UpdateInfoRequest.self, context: context)
        return try await apply(
            OpChange(
                conversationId: body.conversationId,
                authorId: try context.requireUser(),
                authorDeviceId: body.deviceId,
                seq: body.seq,
                type: .rekey,
                op: body.op,
                avatarBlobId: body.avatarBlobId,
                requiresAdmin: true
            )
        )
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(DeleteConversationRequest.self, context: context)
        try await store.deleteConversation(id: body.conversationId, by: try context.requireUser(), now: clock.now())
        return try .json(SuccessResponse())
    }

    @Sendable func ops(_ request: Request, context: AppRequestContext) async throws -> Response {
        let sinceText = request.uri.queryParameters.get("since") ?? "0"
        guard let since = Int64(sinceText), since >= 0 else {
            throw ServerError.invalidInput("`since` must be a non-negative integer.")
        }
        let ops = try await store.ops(
            conversationId: try context.parameters.require("id"),
            since: since,
            for: try context.requireUser()
        )
        return try .json(OpsResponse(ops: ops))
    }

    @Sendable func appendOp(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(AppendOpRequest.self, context: context)
        guard body.type == .rekey || body.type == .setRole else {
            throw ServerError.invalidInput(
                "Use this route for rekey and set_role; create, add, remove and leave have their own routes."
            )
        }
        return try await apply(
            OpChange(
                conversationId: try context.parameters.require("id"),
                authorId: try context.requireUser(),
                authorDeviceId: body.deviceId,
                seq: body.seq,
                type: body.type,
                memberIds: body.type == .setRole ? body.memberId.map { [$0] } ?? [] : [],
                role: body.type == .setRole ? body.role : nil,
                op: body.op
            )
        )
    }

    private func apply(_ change: OpChange) async throws -> Response {
        try Validation.clientId(change.authorDeviceId, field: "deviceId")
        guard change.memberIds.count <= Self.maxMembers else {
            throw ServerError.invalidInput("One op may name at most \(Self.maxMembers) members.")
        }
        try Validation.bytes(change.op, field: "op", max: Self.maxOpBytes)
        let conversation = try await store.appendOp(change, now: clock.now())
        return try .json(ConversationResponse(conversation: conversation))
    }
}
