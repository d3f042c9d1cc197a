import DialogueProtocol
import DialogueServerStore

/// Input rules shared by the controllers; each failure names the field and the rule.
enum Validation {
    static func email(_ value: String) throws -> String {
        let email = value.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !email.contains(where: \.isWhitespace)
        else { throw ServerError.invalidInput("`email` must look like name@example.org.") }
        return email
    }

    static func password(_ value: String) throws {
        guard value.count >= 8 else { throw ServerError.invalidInput("`password` must be at least 8 characters long.") }
        guard value.utf8.count <= 72 else {
            throw ServerError.invalidInput("`password` must be at most 72 bytes long (bcrypt's limit).")
        }
    }

    static func fullname(_ value: String) throws -> String {
        let name = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...64).contains(name.count) else {
            throw ServerError.invalidInput("`fullname` must be 1 to 64 characters long.")
        }
        return name
    }

    static func bio(_ value: String?) throws -> String {
        let bio = value ?? ""
        guard bio.count <= 500 else { throw ServerError.invalidInput("`bio` must be at most 500 characters long.") }
        return bio
    }

    static func clientId(_ value: String, field: String) throws {
        guard Identifier.isValidClientId(value) else {
            throw ServerError.invalidInput("`\(field)` must be 8 to 64 characters of A-Z, a-z, 0-9, - and _.")
        }
    }

    static func bytes(_ value: Bytes, field: String, max: Int) throws {
        guard !value.data.isEmpty else { throw ServerError.invalidInput("`\(field)` is empty.") }
        guard value.count <= max else {
            throw ServerError(
                .contentTooLarge,
                code: .payloadTooLarge,
                "`\(field)` is \(value.count) bytes; the limit is \(max)."
            )
        }
    }
}
