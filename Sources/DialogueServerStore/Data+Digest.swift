import Crypto
import Foundation

extension Data {
    /// SHA-256 in lowercase hex, as blobs are described to clients.
    var sha256Hex: String { SHA256.hash(data: self).map { String(format: "%02x", $0) }.joined() }
}
