/// The members an object container was asked for.
final class ObjectRecording {
    var properties: [SchemaProperty] = []

    func record(_ name: String, _ schema: Schema, required: Bool) {
        if let index = properties.firstIndex(where: { $0.name == name }) {
            properties[index].required = properties[index].required || required
        } else {
            properties.append(SchemaProperty(name, schema, required: required))
        }
    }
}
