import Foundation

/// Base64url without padding (RFC 4648 §5), the encoding of every binary field on the wire.
public enum Base64URL {
    /// Encodes bytes as unpadded base64url.
    public static func encode(_ data: some DataProtocol) -> String {
        var bytes = [UInt8](Data(data).base64EncodedData())
        while bytes.last == 0x3D { bytes.removeLast() }
        for index in bytes.indices {
            switch bytes[index] {
            case 0x2B: bytes[index] = 0x2D
            case 0x2F: bytes[index] = 0x5F
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes unpadded (or padded) base64url; `nil` for any character outside the alphabet.
    public static func decode(_ text: String) -> Data? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 3)
        var padding = 0
        for byte in text.utf8 {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39:
                guard padding == 0 else { return nil }
                bytes.append(byte)
            case 0x2D:
                guard padding == 0 else { return nil }
                bytes.append(0x2B)
            case 0x5F:
                guard padding == 0 else { return nil }
                bytes.append(0x2F)
            case 0x3D:
                padding += 1
            default:
                return nil
            }
        }
        let remainder = bytes.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { bytes += [UInt8](repeating: 0x3D, count: 4 - remainder) }
        return Data(base64Encoded: Data(bytes))
    }
}
