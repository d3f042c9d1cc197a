/// A path that cannot be resolved, said in one sentence.
package struct DaemonPathsError: Error, CustomStringConvertible, Sendable {
    package var description: String

    package init(_ description: String) { self.description = description }
}
