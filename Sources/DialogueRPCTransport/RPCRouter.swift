import DialogueRPC
import Logging
import NIOConcurrencyHelpers

/// Maps method names to handlers and turns every outcome into a JSON-RPC response.
///
/// This is the one place where handler errors become wire errors (through ``RPCError/init(_:)``):
/// an ``RPCError`` goes out as thrown, anything else as a bare -32603 while the details go to the
/// log. It is also where each call's outcome and duration are logged, once, at debug level.
///
/// Handlers are registered while the daemon is being assembled, before the server starts; the
/// table is behind a lock only so that the type is honestly `Sendable`.
package final class RPCRouter: Sendable {
    /// A handler: takes the raw params (absent, an object or an array) and returns the result.
    package typealias Handler = @Sendable (_ params: JSONValue?, _ context: RPCContext) async throws -> JSONValue

    private let handlers = NIOLockedValueBox<[String: Handler]>([:])

    package init() {}

    /// Registers `handler` for `method`.
    ///
    /// - Precondition: No handler is registered for `method` yet; registering twice is a programming error.
    package func register(_ method: String, handler: @escaping Handler) {
        self.handlers.withLockedValue { handlers in
            precondition(handlers[method] == nil, "RPC method \(method) registered twice")
            handlers[method] = handler
        }
    }

    /// Registers a typed handler: params are decoded into `Params` (absent params decode from `{}`)
    /// and the result is encoded from `Result`.
    ///
    /// A params decoding failure answers -32602 naming the failing field.
    package func register<Params: Decodable & Sendable, Result: Encodable & Sendable>(
        _ method: String,
        params: Params.Type,
        handler: @escaping @Sendable (_ params: Params, _ context: RPCContext) async throws -> Result
    ) {
        self.register(method) { rawParams, context in
            let params = try (rawParams ?? .object([:])).decode(Params.self)
            let result = try await handler(params, context)
            // Handlers that build their answer as JSON skip an encode-and-parse round trip.
            if let json = result as? JSONValue { return json }
            return try JSONValue(encoding: result)
        }
    }

    /// The registered method names, sorted; `rpc.discover` and its test compare them with ``RPCMethods``.
    package var methodNames: [String] {
        self.handlers.withLockedValue { Array($0.keys) }.sorted()
    }

    /// Runs the handler for a request and always produces its response.
    package func handle(_ request: RPCRequest, context: RPCContext) async -> RPCResponse {
        RPCResponse(
            id: request.id, outcome: await self.run(method: request.method, params: request.params, context: context))
    }

    /// Runs the handler for a notification; its outcome is only logged, as nobody waits for it.
    package func handle(_ notification: RPCNotification, context: RPCContext) async {
        _ = await self.run(method: notification.method, params: notification.params, context: context)
    }

    private func run(method: String, params: JSONValue?, context: RPCContext) async -> Result<JSONValue, RPCError> {
        let clock = ContinuousClock()
        let start = clock.now
        guard let handler = self.handlers.withLockedValue({ $0[method] }) else {
            context.logger.debug("RPC method not found", metadata: ["rpc.outcome": "method_not_found"])
            return .failure(.methodNotFound(method))
        }
        do {
            let result = try await handler(params, context)
            context.logger.debug(
                "RPC succeeded",
                metadata: ["rpc.outcome": "ok", "rpc.duration": "\(clock.now - start)"]
            )
            return .success(result)
        } catch {
            let wireError = RPCError(error)
            var metadata: Logger.Metadata = [
                "rpc.outcome": "error",
                "rpc.duration": "\(clock.now - start)",
                "rpc.error.code": "\(wireError.code.rawValue)",
            ]
            // The client only sees "Internal error"; the cause is for the journal, and loud enough to be seen.
            let isInternal = !(error is RPCError) && !(error is DecodingError)
            if isInternal {
                metadata["rpc.error.cause"] = "\(String(reflecting: error))"
            }
            context.logger.log(level: isInternal ? .warning : .debug, "RPC failed", metadata: metadata)
            return .failure(wireError)
        }
    }
}
