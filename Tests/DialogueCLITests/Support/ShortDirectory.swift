import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A private directory under /tmp with a short name: `sun_path` holds only 107 bytes.
struct ShortDirectory: ~Copyable {
    let path: String

    init() throws {
        var template = Array("/tmp/dcli-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard created != nil else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        self.path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: self.path)
    }
}
