/// Records each member asked for: `decode` as required, `decodeIfPresent` as optional.
struct ReflectingKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let recording: ObjectRecording
    let catalog: SchemaCatalog?
    /// The member answered with this value instead of a placeholder, recorded as the only one.
    let tag: (key: String, value: String)?
    var codingPath: [any CodingKey] = []
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) -> Bool { false }

    private func member<T: Decodable>(_ type: T.Type, _ key: Key, required: Bool) throws -> T {
        let (value, schema) = try SchemaReflector.reflect(type, in: catalog)
        recording.record(key.stringValue, schema, required: required)
        return value
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try member(type, key, required: true) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try member(type, key, required: true) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        guard let tag, tag.key == key.stringValue else { return try member(type, key, required: true) }
        recording.record(tag.key, .string(values: [tag.value]), required: true)
        return tag.value
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try member(type, key, required: true) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try member(type, key, required: true) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try member(type, key, required: true) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try member(type, key, required: true) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try member(type, key, required: true) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try member(type, key, required: true) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try member(type, key, required: true) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try member(type, key, required: true) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try member(type, key, required: true) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try member(type, key, required: true) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try member(type, key, required: true) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try member(type, key, required: true) }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try member(type, key, required: false)
    }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try member(type, key, required: false) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try member(type, key, required: false)
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try member(type, key, required: false)
    }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
        try member(type, key, required: false)
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try member(type, key, required: false) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try member(type, key, required: false) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? {
        try member(type, key, required: false)
    }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
        try member(type, key, required: false)
    }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try member(type, key, required: false)
    }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try member(type, key, required: false) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? {
        try member(type, key, required: false)
    }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? {
        try member(type, key, required: false)
    }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? {
        try member(type, key, required: false)
    }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? {
        try member(type, key, required: false)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let nested = ReflectingDecoder(catalog: catalog)
        let container = nested.container(keyedBy: type)
        defer { recording.record(key.stringValue, nested.recorded ?? .any, required: true) }
        return container
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let recording = ArrayRecording()
        self.recording.record(key.stringValue, .array(.any), required: true)
        return ReflectingUnkeyedContainer(recording: recording, catalog: catalog)
    }

    func superDecoder() throws -> any Decoder { ReflectingDecoder(catalog: catalog) }
    func superDecoder(forKey key: Key) throws -> any Decoder { ReflectingDecoder(catalog: catalog) }
}
