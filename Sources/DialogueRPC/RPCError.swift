/// A JSON-RPC error object: the only shape in which a failure leaves the daemon.
///
/// Every error a handler throws is mapped to one of these exactly once, at the reply (see
/// ``RPCError/init(_:)``). Application errors carry `data.reason`, a stable snake_case word from
/// `spec/rpc.md` that front ends switch on, so the human `message` can change freely.
package struct RPCError: Error, Sendable, Hashable {
    package var code: Code
    package var message: String
    package var data: JSONValue?

    package init(code: Code, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// The `data.reason` word, when the error carries one.
    package var reason: Reason? {
        self.data?["reason"]?.stringValue.flatMap(Reason.init(rawValue:))
    }

    /// Seconds to wait before retrying, from `data.retryAfter` of a `rate_limited` error.
    package var retryAfter: Int? {
        self.data?["retryAfter"]?.integerValue
    }

    /// The wire form `{code, message, data?}`.
    package var json: JSONValue {
        var object: [String: JSONValue] = ["code": .integer(self.code.rawValue), "message": .string(self.message)]
        if let data = self.data { object["data"] = data }
        return .object(object)
    }

    /// Reads an error object; `nil` when `code` or `message` is missing or mistyped.
    package init?(json: JSONValue) {
        guard let code = json["code"]?.integerValue, let message = json["message"]?.stringValue else { return nil }
        self.init(code: Code(rawValue: code), message: message, data: json["data"])
    }
}

extension RPCError {
    /// An error code; an open set so the daemon can add codes without breaking decoding.
    package struct Code: RawRepresentable, Sendable, Hashable, Codable {
        package var rawValue: Int
        package init(rawValue: Int) { self.rawValue = rawValue }

        // JSON-RPC 2.0 reserved codes.
        package static let parseError = Code(rawValue: -32700)
        package static let invalidRequest = Code(rawValue: -32600)
        package static let methodNotFound = Code(rawValue: -32601)
        package static let invalidParams = Code(rawValue: -32602)
        package static let internalError = Code(rawValue: -32603)

        // Dialogue's application codes (spec/rpc.md, "Errors").
        package static let locked = Code(rawValue: -32001)
        package static let notSignedIn = Code(rawValue: -32002)
        package static let offline = Code(rawValue: -32003)
        package static let forbidden = Code(rawValue: -32004)
        package static let notFound = Code(rawValue: -32005)
        package static let rateLimited = Code(rawValue: -32006)
        package static let conflict = Code(rawValue: -32007)
        package static let untrustedIdentity = Code(rawValue: -32008)
        package static let invalidInput = Code(rawValue: -32009)
    }

    /// The stable `data.reason` words of the application codes; one per code.
    package enum Reason: String, Sendable, Hashable, CaseIterable, Codable {
        case locked
        case notSignedIn = "not_signed_in"
        case offline
        case forbidden
        case notFound = "not_found"
        case rateLimited = "rate_limited"
        case conflict
        case untrustedIdentity = "untrusted_identity"
        case invalidInput = "invalid_input"

        /// The code this reason is always sent with.
        package var code: Code {
            switch self {
            case .locked: return .locked
            case .notSignedIn: return .notSignedIn
            case .offline: return .offline
            case .forbidden: return .forbidden
            case .notFound: return .notFound
            case .rateLimited: return .rateLimited
            case .conflict: return .conflict
            case .untrustedIdentity: return .untrustedIdentity
            case .invalidInput: return .invalidInput
            }
        }
    }
}
