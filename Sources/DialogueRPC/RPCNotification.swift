/// A JSON-RPC 2.0 call without an id: nobody answers it, not even with an error.
///
/// Clients send them for fire-and-forget calls (`typing.update`); the daemon sends them to push
/// events to subscribed connections (`message.new`, `bot.token`, ...).
package struct RPCNotification: Sendable, Hashable {
    package var method: String
    package var params: JSONValue?

    package init(method: String, params: JSONValue? = nil) {
        self.method = method
        self.params = params
    }

    /// The wire form `{"jsonrpc":"2.0","method":…,"params":…}`.
    package var json: JSONValue {
        var object: [String: JSONValue] = ["jsonrpc": "2.0", "method": .string(self.method)]
        if let params = self.params { object["params"] = params }
        return .object(object)
    }
}
