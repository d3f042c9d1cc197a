/// A type that a ``SchemaCatalog`` lists as a named component, with what a reader needs beyond
/// its members' Swift types: a description, and refinements of single members (an id's format,
/// a bound, a sentence on when the member is set).
///
/// Every struct a catalog meets is a component whether or not it adopts this protocol; adopting it
/// adds the explanations.
package protocol SchemaComponent {
    /// What the type is, as the component's description.
    static var schemaDescription: String? { get }
    /// Refinements of reflected members, by coding key. A key the type does not code is an error
    /// a catalog reports (``SchemaCatalog/problems``), so a renamed member cannot lose its refinement.
    static var memberRefinements: [String: SchemaRefinement] { get }
}

extension SchemaComponent {
    package static var schemaDescription: String? { nil }
    package static var memberRefinements: [String: SchemaRefinement] { [:] }
}
