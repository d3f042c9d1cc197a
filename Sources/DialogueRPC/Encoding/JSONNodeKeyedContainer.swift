/// An object's members, written into its ``JSONNode``.
struct JSONNodeKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: JSONNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) { node.set(key.stringValue, JSONNode(.null)) }
    mutating func encode(_ value: Bool, forKey key: Key) { node.set(key.stringValue, JSONNode(.bool(value))) }
    mutating func encode(_ value: String, forKey key: Key) { node.set(key.stringValue, JSONNode(.string(value))) }
    mutating func encode(_ value: Int, forKey key: Key) { node.set(key.stringValue, JSONNode(.integer(value))) }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        node.set(key.stringValue, JSONNode(try JSONNode.scalar(value, codingPath: codingPath + [key])))
    }

    mutating func encode(_ value: Float, forKey key: Key) throws { try encode(Double(value), forKey: key) }

    mutating func encode(_ value: Int8, forKey key: Key) throws {
        node.set(key.stringValue, JSONNode(try JSONNode.scalar(value, codingPath: codingPath + [key])))
    }

    mutating func encode(_ value: Int16, forKey key: Key) throws {
        node.set(key.stringValue, JSONNode(try JSONNode.scalar(value, codingPath: codingPath + [key])))
    }

    mutating func encode(_ value: Int32, forKey key: Key) throws {
        node.set(key.stringValue, JSONNode(try JSONNode.scalar(value, codingPath: codingPath + [key])))
    }

    mutating func encode(_ value: Int64, forKey key: Key) throws {
        node.set(key.stringValue, JSONNode(try JSONNode.scalar(value, codingPath: codingPath + [key])))
    }

    mutating func encode(_ value: UInt, forKey key: Key) throws {
        node.set(key.stringValue, JSONNode(try JSONNode.scalar(value, codingPath: codingPath + [key])))
    }

    mutating func encode(_ value: UInt8, forKey key: Key) throws {
        node.set(key.stringValue, JSONNode(try JSONNode.scalar(value, codingPath: codingPath + [key])))
    }

    mutating func encode(_ value: UInt16, forKey key: Key) throws {
        node.set(key.stringValue, JSONNode(try JSONNode.scalar(value, codingPath: codingPath + [key])))
    }

    mutating func encode(_ value: UInt32, forKey key: Key) throws {
        node.set(key.stringValue, JSONNode(try JSONNode.scalar(value, codingPath: codingPath + [key])))
    }

    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        node.set(key.stringValue, JSONNode(try JSONNode.scalar(value, codingPath: codingPath + [key])))
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.set(key.stringValue, try JSONNodeEncoder.node(for: value, codingPath: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = JSONNode()
        node.set(key.stringValue, nested)
        return JSONNodeEncoder(node: nested, codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = JSONNode()
        node.set(key.stringValue, nested)
        return JSONNodeEncoder(node: nested, codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let nested = JSONNode()
        node.set("super", nested)
        return JSONNodeEncoder(node: nested, codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let nested = JSONNode()
        node.set(key.stringValue, nested)
        return JSONNodeEncoder(node: nested, codingPath: codingPath + [key])
    }
}
