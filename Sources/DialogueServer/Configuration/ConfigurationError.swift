/// A configuration problem, reported once on stderr before the server exits with status 78.
package struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    package var description: String

    package init(_ description: String) { self.description = description }
}
