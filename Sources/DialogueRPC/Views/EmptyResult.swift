/// The `{}` result of a method that only acts.
package struct EmptyResult: Codable, Sendable, Equatable {
    package init() {}
}
