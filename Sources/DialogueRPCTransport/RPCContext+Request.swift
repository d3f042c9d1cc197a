import DialogueRPC
import Logging

extension RPCContext {
    /// The context of `request` on `connection`, its logger carrying the method and id.
    init(connection: RPCConnection, request: RPCRequest, connectionLogger: Logger) {
        var logger = connectionLogger
        logger[metadataKey: "rpc.method"] = "\(request.method)"
        logger[metadataKey: "rpc.id"] = "\(request.id)"
        self.init(connection: connection, requestID: request.id, method: request.method, logger: logger)
    }
}
