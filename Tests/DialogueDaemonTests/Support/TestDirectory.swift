import DialogueTestSupport
import Foundation

@testable import DialogueDaemon

/// A fresh short directory under /tmp (Unix socket paths must stay under 108 bytes), laid out as
/// an isolated XDG home: `config/`, `data/`, `run/`. Removed by ``remove()``; copyable, because a
/// server restarted over the same files hands it on.
struct TestDirectory: Sendable {
    let url: URL

    init() throws {
        url = URL(fileURLWithPath: try TemporaryDirectory.create(prefix: "dd"), isDirectory: true)
        for child in ["config", "data", "run"] {
            try FileManager.default.createDirectory(
                at: url.appendingPathComponent(child), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        }
    }

    /// The XDG variables that isolate one daemon in this directory.
    var environment: [String: String] {
        [
            "XDG_CONFIG_HOME": url.appendingPathComponent("config").path,
            "XDG_DATA_HOME": url.appendingPathComponent("data").path,
            "XDG_RUNTIME_DIR": url.appendingPathComponent("run").path,
            "HOME": url.path,
        ]
    }

    /// The daemon paths the XDG variables resolve to.
    func paths() throws -> DaemonPaths {
        try DaemonPaths.resolve(environment: environment)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
