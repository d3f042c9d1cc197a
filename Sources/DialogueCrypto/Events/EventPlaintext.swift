import Foundation

/// The decrypted content of an event: strict JSON with short keys, one of four kinds.
///
/// ```
/// {"t":"msg","body":…,"reply":<event id hex>?,"att":[…]?}
/// {"t":"edit","target":<id>,"body":…}
/// {"t":"del","target":<id>}
/// {"t":"react","target":<id>,"key":"👍","on":true|false}
/// ```
/// Unknown `t` values, unknown keys and duplicate keys are refused, so a plaintext has one meaning.
package enum EventPlaintext: Hashable, Sendable {
    package static let maxBodyBytes = 64 * 1024
    package static let maxAttachments = 32

    case message(body: String, reply: EventID?, attachments: [AttachmentDescriptor])
    case edit(target: EventID, body: String)
    case delete(target: EventID)
    case reaction(target: EventID, key: String, on: Bool)

    /// The message an edit, delete or reaction refers to.
    package var target: EventID? {
        switch self {
        case .message: return nil
        case .edit(let target, _), .delete(let target), .reaction(let target, _, _): return target
        }
    }

    package var json: StrictJSON {
        switch self {
        case .message(let body, let reply, let attachments):
            var object: [String: StrictJSON] = ["t": .string("msg"), "body": .string(body)]
            if let reply { object["reply"] = .string(reply.hex) }
            if !attachments.isEmpty { object["att"] = .array(attachments.map(\.json)) }
            return .object(object)
        case .edit(let target, let body):
            return .object(["t": .string("edit"), "target": .string(target.hex), "body": .string(body)])
        case .delete(let target):
            return .object(["t": .string("del"), "target": .string(target.hex)])
        case .reaction(let target, let key, let on):
            return .object([
                "t": .string("react"), "target": .string(target.hex), "key": .string(key), "on": .bool(on),
            ])
        }
    }

    package var encoded: [UInt8] { json.encoded }

    /// Parses an id inside a plaintext; any malformation is an invalid plaintext.
    private static func eventID(_ text: String) throws(CryptoError) -> EventID {
        do {
            return try EventID(hex: text)
        } catch {
            throw CryptoError(.invalidPlaintext, "event id must be 32 lowercase hex digits")
        }
    }

    /// Parses strictly.
    /// - Throws: ``CryptoError/Code/invalidPlaintext``.
    package init(parsing bytes: [UInt8]) throws(CryptoError) {
        guard case .object(let object) = try StrictJSON.parse(bytes), case .string(let kind)? = object["t"] else {
            throw CryptoError(.invalidPlaintext, "plaintext is not an object with a \"t\" string")
        }
        var fields = JSONFields(object)
        _ = try fields.string("t")
        switch kind {
        case "msg":
            let body = try fields.string("body", maxBytes: Self.maxBodyBytes)
            let reply = try fields.optionalString("reply").map { (text) throws(CryptoError) in try Self.eventID(text) }
            var attachments: [AttachmentDescriptor] = []
            if let list = try fields.optionalArray("att") {
                guard !list.isEmpty, list.count <= Self.maxAttachments else {
                    throw CryptoError(.invalidPlaintext, "attachment list must have 1...\(Self.maxAttachments) items")
                }
                for item in list { attachments.append(try AttachmentDescriptor(json: item)) }
            }
            try fields.finish()
            self = .message(body: body, reply: reply, attachments: attachments)
        case "edit":
            let target = try Self.eventID(fields.string("target"))
            let body = try fields.string("body", maxBytes: Self.maxBodyBytes)
            try fields.finish()
            self = .edit(target: target, body: body)
        case "del":
            let target = try Self.eventID(fields.string("target"))
            try fields.finish()
            self = .delete(target: target)
        case "react":
            let target = try Self.eventID(fields.string("target"))
            let key = try fields.string("key", maxBytes: 64)
            let on = try fields.bool("on")
            try fields.finish()
            self = .reaction(target: target, key: key, on: on)
        default:
            throw CryptoError(.invalidPlaintext, "unknown event kind \"\(kind)\"")
        }
    }
}
