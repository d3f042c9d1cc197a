import CSystemd

/// Appends to an sd-bus message with the non-variadic calls, keeping the first failure so a
/// message can be built in straight-line code and checked once.
struct MessageWriter {
    let message: OpaquePointer?
    private(set) var result: Int32 = 0

    init(message: OpaquePointer?) { self.message = message }

    mutating func append(string: String) {
        guard result >= 0 else { return }
        result = string.withCString { sd_bus_message_append_basic(message, Self.type("s"), $0) }
    }

    mutating func append(uint32 value: UInt32) {
        guard result >= 0 else { return }
        result = withUnsafePointer(to: value) { sd_bus_message_append_basic(message, Self.type("u"), $0) }
    }

    mutating func append(int32 value: Int32) {
        guard result >= 0 else { return }
        result = withUnsafePointer(to: value) { sd_bus_message_append_basic(message, Self.type("i"), $0) }
    }

    /// Opens an array (`a`), dict entry (`e`), variant (`v`) or struct (`r`) of `contents`.
    mutating func open(_ kind: Unicode.Scalar, _ contents: String) {
        guard result >= 0 else { return }
        result = sd_bus_message_open_container(message, Self.type(kind), contents)
    }

    mutating func close() {
        guard result >= 0 else { return }
        result = sd_bus_message_close_container(message)
    }

    private static func type(_ scalar: Unicode.Scalar) -> CChar { CChar(UInt8(ascii: scalar)) }
}
