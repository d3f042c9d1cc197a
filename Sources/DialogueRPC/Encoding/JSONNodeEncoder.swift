/// The `Encoder` behind ``JSONValueEncoder``, writing into one ``JSONNode``.
struct JSONNodeEncoder: Encoder {
    let node: JSONNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.content {} else { node.content = .object([:]) }
        return KeyedEncodingContainer(JSONNodeKeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.content {} else { node.content = .array([]) }
        return JSONNodeUnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONNodeSingleValueContainer(node: node, codingPath: codingPath)
    }

    /// Encodes `value` into a fresh node; scalars and JSON values skip the nested encoder.
    static func node(for value: some Encodable, codingPath: [any CodingKey]) throws -> JSONNode {
        switch value {
        case let json as JSONValue: return JSONNode(json)
        case let string as String: return JSONNode(.string(string))
        case let bool as Bool: return JSONNode(.bool(bool))
        case let integer as Int: return JSONNode(.integer(integer))
        case let double as Double: return JSONNode(try JSONNode.scalar(double, codingPath: codingPath))
        default:
            let node = JSONNode()
            try value.encode(to: JSONNodeEncoder(node: node, codingPath: codingPath))
            return node
        }
    }
}
