/// An array of exactly one element, whose schema is the array's element schema.
struct ReflectingUnkeyedContainer: UnkeyedDecodingContainer {
    let recording: ArrayRecording
    var codingPath: [any CodingKey] = []
    var count: Int? { 1 }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex >= 1 }

    mutating func decodeNil() -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, schema) = try SchemaReflector.reflect(type)
        recording.element = schema
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        currentIndex += 1
        recording.element = .object([])
        return ReflectingDecoder().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        currentIndex += 1
        recording.element = .array(.any)
        return ReflectingUnkeyedContainer(recording: ArrayRecording())
    }

    mutating func superDecoder() throws -> any Decoder {
        currentIndex += 1
        return ReflectingDecoder()
    }
}
