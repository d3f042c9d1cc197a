/// An enum coded as one object per case, told apart by a string member (its tag): decoding reads
/// the tag and then the members of that case, so reflection cannot follow it without being told
/// which tags exist. A ``SchemaCatalog`` reflects it once per tag and lists each case as a
/// component of its own, and the union as ``Schema/tagged(key:_:)`` of them.
package protocol SchemaTaggedUnion: SchemaComponent, Decodable {
    /// The coding key of the tag (`op`).
    static var tagKey: String { get }
    /// Every tag the type decodes, with the component each case becomes.
    static var tags: [SchemaTag] { get }
}
