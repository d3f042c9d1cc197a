/// An array's elements, appended to its ``JSONNode``.
struct JSONNodeUnkeyedContainer: UnkeyedEncodingContainer {
    let node: JSONNode
    let codingPath: [any CodingKey]
    var count: Int { node.count }

    mutating func encodeNil() { node.append(JSONNode(.null)) }
    mutating func encode(_ value: Bool) { node.append(JSONNode(.bool(value))) }
    mutating func encode(_ value: String) { node.append(JSONNode(.string(value))) }
    mutating func encode(_ value: Int) { node.append(JSONNode(.integer(value))) }
    mutating func encode(_ value: Double) throws {
        node.append(JSONNode(try JSONNode.scalar(value, codingPath: codingPath)))
    }
    mutating func encode(_ value: Float) throws { try encode(Double(value)) }

    mutating func encode(_ value: Int8) throws {
        node.append(JSONNode(try JSONNode.scalar(value, codingPath: codingPath)))
    }

    mutating func encode(_ value: Int16) throws {
        node.append(JSONNode(try JSONNode.scalar(value, codingPath: codingPath)))
    }

    mutating func encode(_ value: Int32) throws {
        node.append(JSONNode(try JSONNode.scalar(value, codingPath: codingPath)))
    }

    mutating func encode(_ value: Int64) throws {
        node.append(JSONNode(try JSONNode.scalar(value, codingPath: codingPath)))
    }

    mutating func encode(_ value: UInt) throws {
        node.append(JSONNode(try JSONNode.scalar(value, codingPath: codingPath)))
    }

    mutating func encode(_ value: UInt8) throws {
        node.append(JSONNode(try JSONNode.scalar(value, codingPath: codingPath)))
    }

    mutating func encode(_ value: UInt16) throws {
        node.append(JSONNode(try JSONNode.scalar(value, codingPath: codingPath)))
    }

    mutating func encode(_ value: UInt32) throws {
        node.append(JSONNode(try JSONNode.scalar(value, codingPath: codingPath)))
    }

    mutating func encode(_ value: UInt64) throws {
        node.append(JSONNode(try JSONNode.scalar(value, codingPath: codingPath)))
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        node.append(try JSONNodeEncoder.node(for: value, codingPath: codingPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = JSONNode()
        node.append(nested)
        return JSONNodeEncoder(node: nested, codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = JSONNode()
        node.append(nested)
        return JSONNodeEncoder(node: nested, codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let nested = JSONNode()
        node.append(nested)
        return JSONNodeEncoder(node: nested, codingPath: codingPath)
    }
}
