/// One JSON-RPC 2.0 message, classified by which of `id`, `method`, `result` and `error` it has.
package enum RPCMessage: Sendable, Hashable {
    case request(RPCRequest)
    case notification(RPCNotification)
    case response(RPCResponse)

    /// The wire form of the message.
    package var json: JSONValue {
        switch self {
        case .request(let request): return request.json
        case .notification(let notification): return notification.json
        case .response(let response): return response.json
        }
    }

    /// Validates and classifies one JSON value (a whole line, or one element of a batch).
    ///
    /// - Throws: ``RPCInvalidMessage`` with -32600 and the id when it could be read, so that even a
    ///   broken request gets an answer its sender can match.
    package init(json: JSONValue) throws(RPCInvalidMessage) {
        guard case .object(let object) = json else {
            throw RPCInvalidMessage(id: nil, error: .invalidRequest("a message must be a JSON object"))
        }
        // The id is recovered first so every later complaint can be addressed to the caller.
        let rawID = object["id"]
        let id = rawID.flatMap(RequestID.init(json:))
        guard object["jsonrpc"] == .string("2.0") else {
            throw RPCInvalidMessage(id: id, error: .invalidRequest("\"jsonrpc\" must be exactly \"2.0\""))
        }
        if let rawID, id == nil, !rawID.isNull {
            throw RPCInvalidMessage(id: nil, error: .invalidRequest("\"id\" must be a string or an integer"))
        }

        if let rawMethod = object["method"] {
            // A null id is legal only on a response (to a request whose id could not be read).
            if rawID?.isNull == true {
                throw RPCInvalidMessage(id: nil, error: .invalidRequest("null request ids are not supported"))
            }
            guard case .string(let method) = rawMethod else {
                throw RPCInvalidMessage(id: id, error: .invalidRequest("\"method\" must be a string"))
            }
            let params = object["params"]
            switch params {
            case nil, .array?, .object?:
                break
            default:
                throw RPCInvalidMessage(id: id, error: .invalidRequest("\"params\" must be an object or an array"))
            }
            if let id {
                self = .request(RPCRequest(id: id, method: method, params: params))
            } else {
                self = .notification(RPCNotification(method: method, params: params))
            }
            return
        }

        switch (object["result"], object["error"]) {
        case (let result?, nil):
            self = .response(RPCResponse(id: id, result: result))
        case (nil, let errorJSON?):
            guard let error = RPCError(json: errorJSON) else {
                throw RPCInvalidMessage(id: id, error: .invalidRequest("\"error\" must have a code and a message"))
            }
            self = .response(RPCResponse(id: id, error: error))
        default:
            throw RPCInvalidMessage(
                id: id, error: .invalidRequest("a message needs \"method\", \"result\" or \"error\""))
        }
    }
}
