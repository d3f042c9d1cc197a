/// A JSON-RPC 2.0 batch: several messages sent as one JSON array on one line.
///
/// The server answers a batch with one array holding a response for every request in it (in any
/// order, matched by id); notifications in it get none, and a batch of only notifications gets no
/// reply at all. An empty array is not a batch: it is answered with a single -32600.
package struct RPCBatch: Sendable, Hashable {
    package var messages: [RPCMessage]

    package init(_ messages: [RPCMessage]) {
        self.messages = messages
    }

    /// The wire form: a JSON array of the messages.
    package var json: JSONValue {
        .array(self.messages.map(\.json))
    }

    /// Classifies each element of a batch array on its own, so one bad element spoils nothing else.
    ///
    /// - Throws: ``RPCInvalidMessage`` (id `null`) for an empty array or a non-array.
    package static func elements(of json: JSONValue) throws(RPCInvalidMessage) -> [Result<
        RPCMessage, RPCInvalidMessage
    >] {
        guard case .array(let elements) = json, !elements.isEmpty else {
            throw RPCInvalidMessage(id: nil, error: .invalidRequest("a batch must be a non-empty array"))
        }
        return elements.map { element in
            Result { () throws(RPCInvalidMessage) -> RPCMessage in try RPCMessage(json: element) }
        }
    }
}
