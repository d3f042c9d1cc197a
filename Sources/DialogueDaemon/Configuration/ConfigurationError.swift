/// A problem in `config.toml` or in the value of a setting, said in one sentence that names the
/// file and line so the user can fix it; `dialogued` exits with status 78 (`EX_CONFIG`) on it.
package struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The 1-based line the problem is on, when it comes from a file.
    package var line: Int?
    package var description: String

    package init(line: Int? = nil, _ description: String) {
        self.line = line
        self.description = description
    }
}
