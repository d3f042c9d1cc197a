/// The answer to one ``RPCRequest``: a result or an error, never both.
package struct RPCResponse: Sendable, Hashable {
    /// The request's id; `nil` (sent as `null`) when the request was too broken to read its id.
    package var id: RequestID?
    package var outcome: Result<JSONValue, RPCError>

    package init(id: RequestID?, outcome: Result<JSONValue, RPCError>) {
        self.id = id
        self.outcome = outcome
    }

    package init(id: RequestID?, result: JSONValue) {
        self.init(id: id, outcome: .success(result))
    }

    package init(id: RequestID?, error: RPCError) {
        self.init(id: id, outcome: .failure(error))
    }

    /// The result, or `nil` for an error response.
    package var result: JSONValue? {
        guard case .success(let value) = self.outcome else { return nil }
        return value
    }

    /// The error, or `nil` for a successful response.
    package var error: RPCError? {
        guard case .failure(let error) = self.outcome else { return nil }
        return error
    }

    /// The wire form `{"jsonrpc":"2.0","id":…,"result":…}` or `{…,"error":{…}}`.
    package var json: JSONValue {
        var object: [String: JSONValue] = ["jsonrpc": "2.0", "id": self.id?.json ?? .null]
        switch self.outcome {
        case .success(let result): object["result"] = result
        case .failure(let error): object["error"] = error.json
        }
        return .object(object)
    }
}
