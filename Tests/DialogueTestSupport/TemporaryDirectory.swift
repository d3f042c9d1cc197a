import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A private (0700) directory under /tmp with a short name, because a Unix socket path inside it
/// must fit `sun_path`'s 107 bytes; removed when the value goes away (or by ``remove()``).
public struct TemporaryDirectory: ~Copyable {
    public let path: String
    public var url: URL { URL(fileURLWithPath: path, isDirectory: true) }

    public init(prefix: String = "dlg") throws {
        path = try Self.create(prefix: prefix)
    }

    deinit {
        remove()
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Runs `body` with a fresh directory's path and removes the directory afterwards.
    public static func with<Result>(prefix: String = "dlg", _ body: (String) async throws -> Result) async throws
        -> Result
    {
        let directory = try TemporaryDirectory(prefix: prefix)
        return try await body(directory.path)
    }

    /// Makes a fresh directory and returns its path, for an owner that removes it itself (a value
    /// shared between tasks and restarts cannot be `~Copyable`).
    public static func create(prefix: String = "dlg") throws -> String {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard created != nil else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
