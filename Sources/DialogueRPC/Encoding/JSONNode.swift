/// One value being built by ``JSONValueEncoder``: a container writes its members here and
/// ``value`` assembles them once encoding is done.
final class JSONNode {
    enum Content {
        case unset
        case value(JSONValue)
        case object([String: JSONNode])
        case array([JSONNode])
    }

    var content: Content = .unset

    init() {}

    init(_ value: JSONValue) {
        content = .value(value)
    }

    var value: JSONValue {
        switch content {
        // A type that wrote nothing (a struct without members) is `{}`, as with JSONEncoder.
        case .unset: .object([:])
        case .value(let value): value
        case .object(let members): .object(members.mapValues(\.value))
        case .array(let elements): .array(elements.map(\.value))
        }
    }

    /// Makes this node an object (keeping members already written) and sets `key`.
    func set(_ key: String, _ node: JSONNode) {
        if case .object(var members) = content {
            content = .unset
            members[key] = node
            content = .object(members)
        } else {
            content = .object([key: node])
        }
    }

    /// Makes this node an array (keeping elements already written) and appends `node`.
    func append(_ node: JSONNode) {
        if case .array(var elements) = content {
            content = .unset
            elements.append(node)
            content = .array(elements)
        } else {
            content = .array([node])
        }
    }

    var count: Int {
        switch content {
        case .object(let members): members.count
        case .array(let elements): elements.count
        default: 0
        }
    }

    /// The JSON of a scalar the standard library encodes through a container's typed methods.
    static func scalar(_ value: some BinaryInteger, codingPath: [any CodingKey]) throws -> JSONValue {
        guard let integer = Int(exactly: value) else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: codingPath, debugDescription: "\(value) does not fit in Int"))
        }
        return .integer(integer)
    }

    static func scalar(_ value: Double, codingPath: [any CodingKey]) throws -> JSONValue {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: codingPath, debugDescription: "JSON has no \(value)"))
        }
        return .double(value)
    }
}
