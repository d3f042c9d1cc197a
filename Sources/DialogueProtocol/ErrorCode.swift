/// Every `code` an `ErrorResponse` (or a WebSocket error frame) carries: the stable snake_case
/// words clients branch on.
///
/// The server names its failures with these cases only, so the OpenAPI document lists exactly the
/// codes a client can meet; ``ErrorResponse/code`` stays a `String` so that a client decodes a code
/// a newer server added.
public enum ErrorCode: String, Codable, Hashable, Sendable, CaseIterable {
    /// The body, a parameter or a property breaks a rule; the message names it.
    case invalidInput = "invalid_input"
    case unauthorized
    case tokenExpired = "token_expired"
    case invalidCredentials = "invalid_credentials"
    case forbidden
    case notAdmin = "not_admin"
    case notSender = "not_sender"
    case attachmentNotEditable = "attachment_not_editable"
    case editWindowPassed = "edit_window_passed"
    case notFound = "not_found"
    case methodNotAllowed = "method_not_allowed"
    case conflict
    case emailTaken = "email_taken"
    case idTaken = "id_taken"
    case conversationExists = "conversation_exists"
    case alreadyMember = "already_member"
    case messageDeleted = "message_deleted"
    case staleEpoch = "stale_epoch"
    case seqConflict = "seq_conflict"
    case staleVersion = "stale_version"
    case blobDeleted = "blob_deleted"
    case payloadTooLarge = "payload_too_large"
    case rateLimited = "rate_limited"
    case assistantNotConfigured = "assistant_not_configured"
    case assistantAuthFailed = "assistant_auth_failed"
    case assistantRejected = "assistant_rejected"
    case assistantUnavailable = "assistant_unavailable"
    case assistantUnreachable = "assistant_unreachable"
    /// A WebSocket frame that is not a JSON hello, ack or typing frame.
    case invalidFrame = "invalid_frame"
    /// The server failed; the log has the details.
    case internalFailure = "internal"
}
