/// Failures of the local cache, each with a message that says what to do.
package struct StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    package enum Code: String, Sendable {
        /// A cell did not decrypt: the wrong key, or the file was tampered with.
        case undecryptable
        /// A record did not decode after decrypting (a bug or a newer format).
        case corrupt
        case notFound
        /// A search that cannot run as asked (an empty query, a limit below one); fix the request.
        case invalidQuery
        /// The in-memory search index failed (out of memory or a bug); rebuilding it may help.
        case searchIndexFailed
    }

    package var code: Code
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { "\(code.rawValue): \(message)" }
}
