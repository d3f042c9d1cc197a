/// One value of the `config.toml` subset: a basic string, an integer or a Boolean.
package enum ConfigValue: Equatable, Sendable {
    case string(String)
    case integer(Int)
    case boolean(Bool)

    /// The TOML type name, for error messages ("expected a string, found an integer").
    package var typeName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .boolean: return "a boolean"
        }
    }
}
