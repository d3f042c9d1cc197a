/// One case of a ``SchemaTaggedUnion``: the tag's value and the component that describes it.
package struct SchemaTag: Sendable, Hashable {
    /// The tag's value on the wire (`hello`).
    package var value: String
    /// The component's name (`HelloFrame`).
    package var name: String
    package var description: String

    package init(_ value: String, name: String, _ description: String) {
        self.value = value
        self.name = name
        self.description = description
    }
}
