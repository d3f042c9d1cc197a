/// Named constructors, so call sites say what went wrong and the code/reason pairing stays right.
extension RPCError {
    // MARK: JSON-RPC 2.0 standard errors

    /// -32700: the line was not valid JSON (or was too long to read).
    package static func parseError(_ detail: String? = nil) -> RPCError {
        RPCError(code: .parseError, message: "Parse error", data: detail.map { ["detail": .string($0)] })
    }

    /// -32600: valid JSON, but not a JSON-RPC 2.0 request.
    package static func invalidRequest(_ detail: String? = nil) -> RPCError {
        RPCError(code: .invalidRequest, message: "Invalid Request", data: detail.map { ["detail": .string($0)] })
    }

    /// -32601: no handler is registered for `method`.
    package static func methodNotFound(_ method: String) -> RPCError {
        RPCError(code: .methodNotFound, message: "Method not found", data: ["method": .string(method)])
    }

    /// -32602: the params do not have the shape the method expects.
    package static func invalidParams(_ detail: String) -> RPCError {
        RPCError(code: .invalidParams, message: "Invalid params", data: ["detail": .string(detail)])
    }

    /// -32603: something failed inside the daemon; deliberately says nothing more (details go to the log).
    package static var internalError: RPCError {
        RPCError(code: .internalError, message: "Internal error")
    }

    // MARK: Dialogue application errors

    /// An application error with its code, `data.reason` and a human message.
    package static func application(_ reason: Reason, _ message: String, extra: [String: JSONValue] = [:]) -> RPCError {
        var data = extra
        data["reason"] = .string(reason.rawValue)
        return RPCError(code: reason.code, message: message, data: .object(data))
    }

    /// -32001 `locked`.
    package static func locked(_ message: String = "The key store is locked: call daemon.unlock first") -> RPCError {
        .application(.locked, message)
    }

    /// -32002 `not_signed_in`.
    package static func notSignedIn(_ message: String = "No account on this daemon yet: sign up or log in") -> RPCError
    {
        .application(.notSignedIn, message)
    }

    /// -32003 `offline`.
    package static func offline(_ message: String = "The server cannot be reached now") -> RPCError {
        .application(.offline, message)
    }

    /// -32004 `forbidden`.
    package static func forbidden(_ message: String) -> RPCError {
        .application(.forbidden, message)
    }

    /// -32005 `not_found`.
    package static func notFound(_ message: String) -> RPCError {
        .application(.notFound, message)
    }

    /// -32006 `rate_limited`, with `data.retryAfter` in seconds.
    package static func rateLimited(retryAfter seconds: Int, _ message: String? = nil) -> RPCError {
        .application(
            .rateLimited,
            message ?? "The server asked to slow down: retry in \(seconds) s",
            extra: ["retryAfter": .integer(seconds)]
        )
    }

    /// -32007 `conflict`.
    package static func conflict(_ message: String) -> RPCError {
        .application(.conflict, message)
    }

    /// -32008 `untrusted_identity`.
    package static func untrustedIdentity(_ message: String) -> RPCError {
        .application(.untrustedIdentity, message)
    }

    /// -32009 `invalid_input`.
    package static func invalidInput(_ message: String) -> RPCError {
        .application(.invalidInput, message)
    }
}
