import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A private directory under /tmp with a short name: `sun_path` holds only 107 bytes.
struct TemporaryDirectory: ~Copyable {
    let path: String

    init() throws {
        var template = Array("/tmp/drpc-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in
            mkdtemp(buffer.baseAddress!)
        }
        guard created != nil else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        self.path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: self.path)
    }

    /// Runs `body` with a fresh directory and removes it afterwards.
    static func with<Result>(_ body: (String) async throws -> Result) async throws -> Result {
        let directory = try TemporaryDirectory()
        return try await body(directory.path)
    }
}
