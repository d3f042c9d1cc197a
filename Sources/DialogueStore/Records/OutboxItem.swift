import Foundation

/// A change waiting for the server, in the order it was made.
package struct OutboxItem: Hashable, Sendable {
    /// Position in the outbox; sends go out in this order per conversation.
    package var seq: Int64
    package var conversationId: String
    /// `send`, `edit`, `delete`, `react`, `markRead`, … — what the sender must do with `payload`.
    package var kind: String
    /// The client-generated id that makes the retry idempotent at the server.
    package var requestId: String
    /// The request, sealed at rest.
    package var payload: [UInt8]
    package var attempts: Int
    package var lastError: String?

    package init(
        seq: Int64,
        conversationId: String,
        kind: String,
        requestId: String,
        payload: [UInt8],
        attempts: Int = 0,
        lastError: String? = nil
    ) {
        self.seq = seq
        self.conversationId = conversationId
        self.kind = kind
        self.requestId = requestId
        self.payload = payload
        self.attempts = attempts
        self.lastError = lastError
    }
}
