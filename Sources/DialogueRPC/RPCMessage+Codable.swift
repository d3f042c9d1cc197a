/// `Codable` through ``JSONValue``, so messages can be embedded in other `Codable` types and logs.
extension RPCMessage: Codable {
    package init(from decoder: any Decoder) throws {
        let json = try JSONValue(from: decoder)
        do {
            self = try RPCMessage(json: json)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath, debugDescription: "Invalid JSON-RPC message", underlyingError: error
                )
            )
        }
    }

    package func encode(to encoder: any Encoder) throws {
        try self.json.encode(to: encoder)
    }
}

extension RPCError: Codable {
    package init(from decoder: any Decoder) throws {
        let json = try JSONValue(from: decoder)
        guard let error = RPCError(json: json) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "An error object needs a code and a message")
            )
        }
        self = error
    }

    package func encode(to encoder: any Encoder) throws {
        try self.json.encode(to: encoder)
    }
}
