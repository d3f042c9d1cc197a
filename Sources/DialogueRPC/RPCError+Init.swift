/// The single place where an arbitrary Swift error becomes a wire error.
extension RPCError {
    /// Maps any error thrown by a handler to the error sent to the client.
    ///
    /// An ``RPCError`` passes through unchanged; a `DecodingError` (params that did not decode)
    /// becomes -32602 naming the failing field; everything else becomes a bare -32603 so that no
    /// internal detail (paths, SQL, key material) ever reaches a client. The caller logs the
    /// original error.
    package init(_ error: any Error) {
        switch error {
        case let error as RPCError:
            self = error
        case let error as DecodingError:
            self = .invalidParams(Self.describe(error))
        case is CancellationError:
            self = RPCError(code: .internalError, message: "Request cancelled")
        default:
            self = .internalError
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let components = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return components.isEmpty ? "params" : components.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \(path(context.codingPath + [key]))"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(type), found null"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "params do not match"
        }
    }
}
