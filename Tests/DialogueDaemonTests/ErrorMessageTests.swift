import DialogueRPC
import Foundation
import Testing

@testable import DialogueDaemon

/// What a front end is told when something breaks underneath: one sentence, never the SQL, the
/// database's own error text or a path of this machine (those go to the daemon's log as the
/// error's cause).
@Suite(.timeLimit(.minutes(1)))
struct ErrorMessageTests {
    static let passphrase: JSONValue = ["passphrase": "correct horse battery staple"]

    /// The marks of a leaked cause: a path, the database's name or words, SQL.
    static func leaks(_ message: String, _ directory: TestDirectory) -> [String] {
        let marks = [directory.url.path, "/", "sqlite", "SQLite", "SQL", "database", "SELECT", "INSERT", "errno"]
        return marks.filter { message.contains($0) }
    }

    @Test func aDamagedCacheIsReportedWithoutItsFileOrTheDatabaseError() async throws {
        try await withTestDaemon { daemon in
            _ = try await daemon.call("daemon.unlock", Self.passphrase)
            _ = try await daemon.call("daemon.lock")
            let cache = daemon.paths.dataDirectory.appendingPathComponent("cache.sqlite")
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: cache.path + suffix) }
            try Data(repeating: 0x5a, count: 8192).write(to: cache)

            let error = try await daemon.callFailing("daemon.unlock", Self.passphrase)
            #expect(error.code == .internalError)
            #expect(!error.message.isEmpty)
            #expect(Self.leaks(error.message, daemon.directory).isEmpty, "leaked: \(error.message)")
            // Nothing was lost or replaced: the key store is still there and still locked.
            #expect(FileManager.default.fileExists(atPath: daemon.paths.keystore.path))
            #expect(try await daemon.call("daemon.status")["locked"] == true)
        }
    }

    @Test func aDataDirectoryThatCannotBeMadeIsReportedWithoutItsPath() async throws {
        try await withTestDaemon { daemon in
            let data = daemon.paths.dataDirectory
            try? FileManager.default.removeItem(at: data)
            try FileManager.default.createDirectory(
                at: data.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("not a directory".utf8).write(to: data)
            defer { try? FileManager.default.removeItem(at: data) }

            let error = try await daemon.callFailing("daemon.unlock", Self.passphrase)
            #expect(error.code == .internalError)
            #expect(Self.leaks(error.message, daemon.directory).isEmpty, "leaked: \(error.message)")
        }
    }

    @Test func theCauseStaysInTheDescriptionForTheLog() {
        struct Underneath: Error, CustomStringConvertible {
            var description: String { "SQLite error 26: file is not a database - while executing `SELECT 1`" }
        }
        let error = DaemonError("The cache could not be read", store: Underneath())
        #expect(error.message == "The cache could not be read")
        #expect(error.code == .failed)
        #expect(error.description.contains("file is not a database"))
        #expect(error == DaemonError(.failed, "The cache could not be read"))
    }
}
