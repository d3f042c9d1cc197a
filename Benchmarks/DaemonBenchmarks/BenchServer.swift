import Foundation

/// A real `dialogue-server` on a free port over its embedded SQLite store.
final class BenchServer: @unchecked Sendable {
    let root = URL(fileURLWithPath: "/tmp/ds-\(UUID().uuidString.prefix(6))")
    let child: ChildProcess
    let url: String

    init() throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        child = try ChildProcess(
            "dialogue-server", ["--dev", "--port", "0", "--data-dir", root.path, "--log-level", "error"])
        let line = try child.line(startingWith: "dialogue-server listening on ")
        url = String(line.dropFirst("dialogue-server listening on ".count))
    }

    func stop() {
        child.stop()
        try? FileManager.default.removeItem(at: root)
    }
}
