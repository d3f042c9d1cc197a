import Foundation

/// Where one daemon keeps its files, following the XDG base directories so that
/// `XDG_RUNTIME_DIR`, `XDG_DATA_HOME` and `XDG_CONFIG_HOME` alone isolate an instance.
///
/// - `$XDG_CONFIG_HOME/dialogue/config.toml` (default `~/.config`)
/// - `$XDG_DATA_HOME/dialogue/` with `cache.sqlite` and `keystore` (default `~/.local/share`)
/// - `$XDG_RUNTIME_DIR/dialogue/dialogued.sock`
package struct DaemonPaths: Equatable, Sendable {
    package var configFile: URL
    package var dataDirectory: URL
    package var socket: URL

    package init(configFile: URL, dataDirectory: URL, socket: URL) {
        self.configFile = configFile
        self.dataDirectory = dataDirectory
        self.socket = socket
    }

    /// The key store file (the wrapped store master key).
    package var keystore: URL { dataDirectory.appendingPathComponent("keystore") }

    /// Resolves the paths from flags first, then the XDG environment, then the XDG defaults.
    /// - Throws: ``DaemonPathsError`` when no runtime directory is known for the socket.
    package static func resolve(
        environment: [String: String],
        socket: String? = nil,
        dataDirectory: String? = nil,
        configFile: String? = nil
    ) throws -> DaemonPaths {
        let home = environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
        func base(_ variable: String, _ fallback: String) throws -> URL {
            if let value = environment[variable], value.hasPrefix("/") {
                return URL(fileURLWithPath: value, isDirectory: true)
            }
            guard let home else { throw DaemonPathsError("neither \(variable) nor HOME is set") }
            return home.appendingPathComponent(fallback, isDirectory: true)
        }
        let config =
            try configFile.map { URL(fileURLWithPath: $0) }
            ?? base("XDG_CONFIG_HOME", ".config").appendingPathComponent("dialogue/config.toml")
        let data =
            try dataDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? base("XDG_DATA_HOME", ".local/share").appendingPathComponent("dialogue", isDirectory: true)
        let socketURL: URL
        if let socket {
            socketURL = URL(fileURLWithPath: socket)
        } else {
            guard let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") else {
                throw DaemonPathsError("XDG_RUNTIME_DIR is not set: pass --socket PATH")
            }
            socketURL = URL(fileURLWithPath: runtime, isDirectory: true)
                .appendingPathComponent("dialogue/dialogued.sock")
        }
        return DaemonPaths(configFile: config, dataDirectory: data, socket: socketURL)
    }
}
