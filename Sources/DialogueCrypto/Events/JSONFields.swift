/// Consumes the members of a JSON object one by one and refuses leftovers (unknown keys).
package struct JSONFields {
    private var remaining: [String: StrictJSON]

    package init(_ object: [String: StrictJSON]) { remaining = object }

    private static func failure(_ message: String) -> CryptoError { CryptoError(.invalidPlaintext, message) }

    package mutating func string(_ key: String, maxBytes: Int = 1024) throws(CryptoError) -> String {
        guard let value = try optionalString(key, maxBytes: maxBytes) else {
            throw Self.failure("missing string \"\(key)\"")
        }
        return value
    }

    package mutating func optionalString(_ key: String, maxBytes: Int = 1024) throws(CryptoError) -> String? {
        guard let value = remaining.removeValue(forKey: key) else { return nil }
        guard case .string(let text) = value, text.utf8.count <= maxBytes else {
            throw Self.failure("\"\(key)\" must be a string of at most \(maxBytes) bytes")
        }
        return text
    }

    package mutating func bool(_ key: String) throws(CryptoError) -> Bool {
        guard case .bool(let value)? = remaining.removeValue(forKey: key) else {
            throw Self.failure("missing boolean \"\(key)\"")
        }
        return value
    }

    package mutating func optionalInteger(_ key: String, range: ClosedRange<Int64>) throws(CryptoError) -> Int64? {
        guard let value = remaining.removeValue(forKey: key) else { return nil }
        guard case .integer(let number) = value, range.contains(number) else {
            throw Self.failure("\"\(key)\" must be an integer in \(range)")
        }
        return number
    }

    package mutating func optionalArray(_ key: String) throws(CryptoError) -> [StrictJSON]? {
        guard let value = remaining.removeValue(forKey: key) else { return nil }
        guard case .array(let items) = value else { throw Self.failure("\"\(key)\" must be an array") }
        return items
    }

    package func finish() throws(CryptoError) {
        guard remaining.isEmpty else {
            throw Self.failure("unknown keys: \(remaining.keys.sorted().joined(separator: ", "))")
        }
    }
}
