/// An array of exactly one element, whose schema is the array's element schema.
struct ReflectingUnkeyedContainer: UnkeyedDecodingContainer {
    let recording: ArrayRecording
    let catalog: SchemaCatalog?
    var codingPath: [any CodingKey] = []
    var count: Int? { 1 }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex >= 1 }

    mutating func decodeNil() -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, schema) = try SchemaReflector.reflect(type, in: catalog)
        recording.element = schema
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        currentIndex += 1
        recording.element = .object([])
        return ReflectingDecoder(catalog: catalog).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        currentIndex += 1
        recording.element = .array(.any)
        return ReflectingUnkeyedContainer(recording: ArrayRecording(), catalog: catalog)
    }

    mutating func superDecoder() throws -> any Decoder {
        currentIndex += 1
        return ReflectingDecoder(catalog: catalog)
    }
}
