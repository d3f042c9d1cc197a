import DialogueSchema
import Foundation

/// Opaque binary data (ciphertext, signatures, public keys) carried as base64url text in JSON.
///
/// The server never interprets these bytes; it only measures them.
public struct Bytes: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The raw bytes.
    public var data: Data

    public init(_ data: Data) { self.data = data }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let data = Base64URL.decode(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected base64url data")
        }
        self.data = data
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Base64URL.encode(data))
    }

    public var count: Int { data.count }

    public var description: String { "\(data.count) bytes" }
}

/// Bytes decode from text only when it is base64url, so reflection (which offers an empty string,
/// and would read a plain string) is told the format instead.
extension Bytes: SchemaDescribing, SchemaComponent {
    package static let schema = Schema.string()
        .annotated(SchemaAnnotations(pattern: "^[A-Za-z0-9_-]*$", contentEncoding: "base64url"))
    package static let schemaPlaceholder = Bytes(Data())
    package static let schemaDescription: String? =
        "Opaque binary data (ciphertext, signature, public key) as base64url without padding "
        + "(RFC 4648 §5). The server never interprets it; it only measures it."
}
