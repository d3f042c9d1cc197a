/// The decoder behind ``SchemaReflector``: it answers every question with a placeholder and writes
/// down what it was asked.
final class ReflectingDecoder: Decoder {
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    /// Where named types go; without one every schema is written out in place.
    let catalog: SchemaCatalog?
    /// The one string member answered with a given value (the tag of a ``SchemaTaggedUnion``).
    let tag: (key: String, value: String)?
    private var object: ObjectRecording?
    private var array: ArrayRecording?
    var single: Schema?

    init(catalog: SchemaCatalog? = nil, tag: (key: String, value: String)? = nil) {
        self.catalog = catalog
        self.tag = tag
    }

    /// What the decoded type turned out to be.
    var recorded: Schema? {
        if let object { return .object(object.properties) }
        if let array { return .array(array.element ?? .any) }
        return single
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
        let recording = object ?? ObjectRecording()
        object = recording
        return KeyedDecodingContainer(ReflectingKeyedContainer<Key>(recording: recording, catalog: catalog, tag: tag))
    }

    func unkeyedContainer() -> any UnkeyedDecodingContainer {
        let recording = array ?? ArrayRecording()
        array = recording
        return ReflectingUnkeyedContainer(recording: recording, catalog: catalog)
    }

    func singleValueContainer() -> any SingleValueDecodingContainer {
        ReflectingSingleValueContainer(decoder: self)
    }
}
