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

    /// A method's fast path: answers without suspending, or returns `nil` when this call needs to
    /// wait for something (then the method's ``Handler`` answers it).
    ///
    /// It runs on the connection's event loop as the request is read, so it must not block: lock
    /// reads and arithmetic, no file or network I/O beyond a `stat`.
    package typealias ImmediateHandler =
        @Sendable (_ params: JSONValue?, _ context: RPCContext) throws -> JSONValue?

    private struct Entry {
        var handler: Handler
        var immediate: ImmediateHandler?
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    package init() {}

    /// Registers `handler` for `method`, with an optional fast path for calls that need not wait.
    ///
    /// - Precondition: No handler is registered for `method` yet; registering twice is a programming error.
    package func register(_ method: String, immediate: ImmediateHandler? = nil, handler: @escaping Handler) {
        self.entries.withLockedValue { entries in
            precondition(entries[method] == nil, "RPC method \(method) registered twice")
            entries[method] = Entry(handler: handler, immediate: immediate)
        }
    }

    /// Registers a typed handler: params are decoded into `Params` (absent params decode from `{}`)
    /// and the result is encoded from `Result`; `immediate` is the optional fast path (see
    /// ``ImmediateHandler``).
    ///
    /// A params decoding failure answers -32602 naming the failing field.
    package func register<Params: Decodable & Sendable, Result: Encodable & Sendable>(
        _ method: String,
        params: Params.Type,
        immediate: (@Sendable (_ params: Params, _ context: RPCContext) throws -> Result?)? = nil,
        handler: @escaping @Sendable (_ params: Params, _ context: RPCContext) async throws -> Result
    ) {
        var fastPath: ImmediateHandler?
        if let immediate {
            fastPath = { rawParams, context in
                let params: Params = try Self.decode(rawParams)
                guard let result = try immediate(params, context) else { return nil }
                return try Self.encode(result)
            }
        }
        self.register(method, immediate: fastPath) { rawParams, context in
            try Self.encode(try await handler(try Self.decode(rawParams), context))
        }
    }

    private static func decode<Params: Decodable>(_ rawParams: JSONValue?) throws -> Params {
        try (rawParams ?? .object([:])).decode(Params.self)
    }

    private static func encode(_ result: some Encodable) throws -> JSONValue {
        try JSONValue(encoding: result)
    }

    /// The registered method names, sorted; `rpc.discover` and its test compare them with ``LocalAPI``.
    package var methodNames: [String] {
        self.entries.withLockedValue { Array($0.keys) }.sorted()
    }

    /// Answers a request through its method's fast path, or returns `nil` when the method has
    /// none or this call needs to wait (then ``handle(_:context:)-(RPCRequest,_)`` answers it).
    ///
    /// `makeContext` runs only for a method with a fast path, so other calls build no context here.
    package func answerImmediately(_ request: RPCRequest, context makeContext: () -> RPCContext) -> RPCResponse? {
        guard let immediate = self.entries.withLockedValue({ $0[request.method]?.immediate }) else { return nil }
        let context = makeContext()
        let clock = ContinuousClock()
        let start = clock.now
        do {
            guard let result = try immediate(request.params, context) else { return nil }
            Self.logSuccess(context: context, duration: clock.now - start)
            return RPCResponse(id: request.id, outcome: .success(result))
        } catch {
            return RPCResponse(
                id: request.id, outcome: .failure(Self.failure(error, context: context, duration: clock.now - start)))
        }
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
        guard let handler = self.entries.withLockedValue({ $0[method]?.handler }) else {
            context.logger.debug("RPC method not found", metadata: ["rpc.outcome": "method_not_found"])
            return .failure(.methodNotFound(method))
        }
        do {
            let result = try await handler(params, context)
            Self.logSuccess(context: context, duration: clock.now - start)
            return .success(result)
        } catch {
            return .failure(Self.failure(error, context: context, duration: clock.now - start))
        }
    }

    private static func logSuccess(context: RPCContext, duration: Duration) {
        context.logger.debug("RPC succeeded", metadata: ["rpc.outcome": "ok", "rpc.duration": "\(duration)"])
    }

    /// The wire error for a handler's error, logged once.
    private static func failure(_ error: any Error, context: RPCContext, duration: Duration) -> RPCError {
        let wireError = RPCError(error)
        var metadata: Logger.Metadata = [
            "rpc.outcome": "error",
            "rpc.duration": "\(duration)",
            "rpc.error.code": "\(wireError.code.rawValue)",
        ]
        // The client only sees "Internal error"; the cause is for the journal, and loud enough to be seen.
        let isInternal = !(error is RPCError) && !(error is DecodingError)
        if isInternal {
            metadata["rpc.error.cause"] = "\(String(reflecting: error))"
        }
        context.logger.log(level: isInternal ? .warning : .debug, "RPC failed", metadata: metadata)
        return wireError
    }
}
