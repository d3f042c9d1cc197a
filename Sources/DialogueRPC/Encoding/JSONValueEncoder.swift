/// Encodes an `Encodable` value straight into a ``JSONValue``, without the bytes Foundation's
/// `JSONEncoder` would write and the parse that would read them back: a handler's typed result
/// costs about what building its JSON by hand did, which keeps `daemon.status` and history pages fast.
///
/// Optionals follow the synthesized conformances (`encodeIfPresent`: a `nil` member is absent;
/// `encode(nil)` writes `null`); a non-finite number throws, as JSON has none.
package struct JSONValueEncoder: Sendable {
    package init() {}

    /// The JSON of `value`.
    ///
    /// - Throws: `EncodingError.invalidValue` for a non-finite floating-point number.
    package func encode(_ value: some Encodable) throws -> JSONValue {
        if let json = value as? JSONValue { return json }
        let node = JSONNode()
        try value.encode(to: JSONNodeEncoder(node: node, codingPath: []))
        return node.value
    }
}
