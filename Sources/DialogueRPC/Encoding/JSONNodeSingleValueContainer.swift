/// A single value (an enum's raw value, an optional, a wrapper), written as its node's value.
struct JSONNodeSingleValueContainer: SingleValueEncodingContainer {
    let node: JSONNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() { node.content = .value(.null) }
    mutating func encode(_ value: Bool) { node.content = .value(.bool(value)) }
    mutating func encode(_ value: String) { node.content = .value(.string(value)) }
    mutating func encode(_ value: Int) { node.content = .value(.integer(value)) }
    mutating func encode(_ value: Double) throws {
        node.content = .value(try JSONNode.scalar(value, codingPath: codingPath))
    }
    mutating func encode(_ value: Float) throws { try encode(Double(value)) }
    mutating func encode(_ value: Int8) throws {
        node.content = .value(try JSONNode.scalar(value, codingPath: codingPath))
    }
    mutating func encode(_ value: Int16) throws {
        node.content = .value(try JSONNode.scalar(value, codingPath: codingPath))
    }
    mutating func encode(_ value: Int32) throws {
        node.content = .value(try JSONNode.scalar(value, codingPath: codingPath))
    }
    mutating func encode(_ value: Int64) throws {
        node.content = .value(try JSONNode.scalar(value, codingPath: codingPath))
    }
    mutating func encode(_ value: UInt) throws {
        node.content = .value(try JSONNode.scalar(value, codingPath: codingPath))
    }
    mutating func encode(_ value: UInt8) throws {
        node.content = .value(try JSONNode.scalar(value, codingPath: codingPath))
    }
    mutating func encode(_ value: UInt16) throws {
        node.content = .value(try JSONNode.scalar(value, codingPath: codingPath))
    }
    mutating func encode(_ value: UInt32) throws {
        node.content = .value(try JSONNode.scalar(value, codingPath: codingPath))
    }
    mutating func encode(_ value: UInt64) throws {
        node.content = .value(try JSONNode.scalar(value, codingPath: codingPath))
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        node.content = try JSONNodeEncoder.node(for: value, codingPath: codingPath).content
    }
}
