import Foundation

/// What a message says about one attachment: the blob id, the random key, the SHA-256 and length of
/// the encrypted blob, and display metadata. It travels only inside the signed, encrypted message.
package struct AttachmentDescriptor: Hashable, Sendable {
    package static let maxBlobBytes: Int64 = 64 * 1024 * 1024

    package var blobID: String
    package var key: [UInt8]
    package var sha256: [UInt8]
    package var length: Int64
    package var mime: String?
    package var width: Int64?
    package var height: Int64?
    package var name: String?
    package var thumbnail: [UInt8]?

    package init(
        blobID: String, key: [UInt8], sha256: [UInt8], length: Int64, mime: String? = nil, width: Int64? = nil,
        height: Int64? = nil, name: String? = nil, thumbnail: [UInt8]? = nil
    ) {
        self.blobID = blobID
        self.key = key
        self.sha256 = sha256
        self.length = length
        self.mime = mime
        self.width = width
        self.height = height
        self.name = name
        self.thumbnail = thumbnail
    }

    package var json: StrictJSON {
        var object: [String: StrictJSON] = [
            "id": .string(blobID), "k": .string(Data(key).base64EncodedString()), "sha": .string(Hex.encode(sha256)),
            "n": .integer(length),
        ]
        if let mime { object["mime"] = .string(mime) }
        if let width { object["w"] = .integer(width) }
        if let height { object["h"] = .integer(height) }
        if let name { object["name"] = .string(name) }
        if let thumbnail { object["thumb"] = .string(Data(thumbnail).base64EncodedString()) }
        return .object(object)
    }

    package init(json: StrictJSON) throws(CryptoError) {
        guard case .object(let object) = json else {
            throw CryptoError(.invalidPlaintext, "attachment is not an object")
        }
        var fields = JSONFields(object)
        blobID = try fields.string("id", maxBytes: 128)
        key = try Self.base64(fields.string("k", maxBytes: 64))
        let shaText = try fields.string("sha", maxBytes: 64)
        guard let sha = try? Hex.decode(shaText) else {
            throw CryptoError(.invalidPlaintext, "attachment hash is not hex")
        }
        sha256 = sha
        guard let length = try fields.optionalInteger("n", range: 1...Self.maxBlobBytes) else {
            throw CryptoError(.invalidPlaintext, "attachment length missing")
        }
        self.length = length
        mime = try fields.optionalString("mime", maxBytes: 128)
        width = try fields.optionalInteger("w", range: 1...100_000)
        height = try fields.optionalInteger("h", range: 1...100_000)
        name = try fields.optionalString("name", maxBytes: 255)
        thumbnail = try fields.optionalString("thumb", maxBytes: 12 * 1024).map { (text) throws(CryptoError) in
            try Self.base64(text)
        }
        try fields.finish()
        guard key.count == 32, sha256.count == 32 else {
            throw CryptoError(.invalidPlaintext, "attachment key and hash must be 32 bytes")
        }
    }

    private static func base64(_ text: String) throws(CryptoError) -> [UInt8] {
        guard let data = Data(base64Encoded: text), data.base64EncodedString() == text else {
            throw CryptoError(.invalidPlaintext, "invalid base64")
        }
        return Array(data)
    }
}
