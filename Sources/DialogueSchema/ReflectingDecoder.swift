/// The decoder behind ``SchemaReflector``: it answers every question with a placeholder and writes
/// down what it was asked.
final class ReflectingDecoder: Decoder {
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    private var object: ObjectRecording?
    private var array: ArrayRecording?
    var single: Schema?

    /// What the decoded type turned out to be.
    var recorded: Schema? {
        if let object { return .object(object.properties) }
        if let array { return .array(array.element ?? .any) }
        return single
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
        let recording = object ?? ObjectRecording()
        object = recording
        return KeyedDecodingContainer(ReflectingKeyedContainer<Key>(recording: recording))
    }

    func unkeyedContainer() -> any UnkeyedDecodingContainer {
        let recording = array ?? ArrayRecording()
        array = recording
        return ReflectingUnkeyedContainer(recording: recording)
    }

    func singleValueContainer() -> any SingleValueDecodingContainer {
        ReflectingSingleValueContainer(decoder: self)
    }
}
