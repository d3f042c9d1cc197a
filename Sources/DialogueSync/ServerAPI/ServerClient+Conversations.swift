import DialogueProtocol
import Foundation

/// Conversation routes beyond create: the op log and the membership changes it carries.
extension ServerClient {
    /// `GET /api/conversations/:id`.
    package func conversation(_ id: String, token: String) async throws(ServerClientError) -> Conversation {
        let answer: ConversationResponse = try await call(
            .get, "api/conversations/\(try Self.segment(id))", authentication: .session(token: token))
        return answer.conversation
    }

    /// `GET /api/conversations/:id/ops?since=N`.
    package func ops(of id: String, since: Int64, token: String) async throws(ServerClientError) -> [ConversationOp] {
        let answer: OpsResponse = try await call(
            .get, "api/conversations/\(try Self.segment(id))/ops?since=\(since)",
            authentication: .session(token: token))
        return answer.ops
    }

    /// `POST /api/conversations/:id/ops` (REKEY, SET_ROLE).
    package func appendOp(_ body: AppendOpRequest, to id: String, token: String) async throws(ServerClientError)
        -> Conversation
    {
        let answer: ConversationResponse = try await call(
            .post, "api/conversations/\(try Self.segment(id))/ops", body: body,
            authentication: .session(token: token))
        return answer.conversation
    }

    /// `PUT /api/conversations/add-members`.
    package func addMembers(_ body: AddMembersRequest, token: String) async throws(ServerClientError) -> Conversation {
        let answer: ConversationResponse = try await call(
            .put, "api/conversations/add-members", body: body, authentication: .session(token: token))
        return answer.conversation
    }

    /// `PUT /api/conversations/remove-member` (also leaving).
    package func removeMember(_ body: RemoveMemberRequest, token: String) async throws(ServerClientError) {
        // Answers with the conversation, or just success when the caller left: only success matters.
        let _: SuccessResponse = try await call(
            .put, "api/conversations/remove-member", body: body, authentication: .session(token: token))
    }

    /// `PUT /api/conversations/update-info`.
    package func updateInfo(_ body: UpdateInfoRequest, token: String) async throws(ServerClientError) -> Conversation {
        let answer: ConversationResponse = try await call(
            .put, "api/conversations/update-info", body: body, authentication: .session(token: token))
        return answer.conversation
    }

    /// `DELETE /api/conversations/delete`.
    package func deleteConversation(_ id: String, token: String) async throws(ServerClientError) {
        let _: SuccessResponse = try await call(
            .delete, "api/conversations/delete", body: DeleteConversationRequest(conversationId: id),
            authentication: .session(token: token))
    }

    /// `PUT /api/messages/edit/:id`.
    package func edit(_ messageId: String, _ body: EventEnvelopeRequest, token: String) async throws(ServerClientError)
    {
        let _: MessageResponse = try await call(
            .put, "api/messages/edit/\(try Self.segment(messageId))", body: body,
            authentication: .session(token: token))
    }

    /// `DELETE /api/messages/delete/:id` with the signed delete event.
    package func delete(_ messageId: String, _ body: EventEnvelopeRequest, token: String)
        async throws(ServerClientError)
    {
        let _: MessageResponse = try await call(
            .delete, "api/messages/delete/\(try Self.segment(messageId))", body: body,
            authentication: .session(token: token))
    }

    /// `PUT /api/messages/react/:id`.
    package func react(_ messageId: String, _ body: EventEnvelopeRequest, token: String) async throws(ServerClientError)
    {
        let _: ReactionResponse = try await call(
            .put, "api/messages/react/\(try Self.segment(messageId))", body: body,
            authentication: .session(token: token))
    }

    /// `PUT /api/messages/mark/:id`.
    package func markSeen(_ messageId: String, upTo: Bool, token: String) async throws(ServerClientError) {
        let _: SeenResponse = try await call(
            .put, "api/messages/mark/\(try Self.segment(messageId))", body: MarkSeenRequest(upTo: upTo),
            authentication: .session(token: token))
    }
}
