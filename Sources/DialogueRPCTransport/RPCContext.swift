import DialogueRPC
import Logging

/// What a handler knows about the call it is answering.
package struct RPCContext: Sendable {
    /// The connection the call came in on; push notifications to it with ``RPCConnection/notify(method:params:)``.
    package var connection: RPCConnection
    /// The request's id, or `nil` for a notification.
    package var requestID: RequestID?
    package var method: String
    /// A logger already carrying the connection id, method and request id as metadata.
    package var logger: Logger

    package init(connection: RPCConnection, requestID: RequestID?, method: String, logger: Logger) {
        self.connection = connection
        self.requestID = requestID
        self.method = method
        self.logger = logger
    }
}
