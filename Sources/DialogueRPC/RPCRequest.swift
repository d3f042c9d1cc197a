/// A JSON-RPC 2.0 call that expects exactly one response with the same ``id``.
package struct RPCRequest: Sendable, Hashable {
    package var id: RequestID
    package var method: String
    /// An object (named params) or an array (positional params); absent when the method takes none.
    package var params: JSONValue?

    package init(id: RequestID, method: String, params: JSONValue? = nil) {
        self.id = id
        self.method = method
        self.params = params
    }

    /// The wire form `{"jsonrpc":"2.0","id":…,"method":…,"params":…}`.
    package var json: JSONValue {
        var object: [String: JSONValue] = ["jsonrpc": "2.0", "id": self.id.json, "method": .string(self.method)]
        if let params = self.params { object["params"] = params }
        return .object(object)
    }
}
