import Foundation
import Logging

/// The daemon's settings, read from `config.toml` (every key optional).
///
/// ```toml
/// # $XDG_CONFIG_HOME/dialogue/config.toml
/// server = "https://chat.example.org"     # offered to front ends; signup/login name one explicitly
/// unlock = "passphrase"                   # or "keyfile" for unattended sessions
/// keyFile = "/home/me/.local/share/dialogue/store.key"
/// caFile = "/etc/dialogue/self-hosted-ca.pem"
///
/// [log]
/// level = "info"
///
/// [assistant]                             # see AssistantSettings
/// mode = "server"                         # or "direct" with baseURL, model and apiKeyFile
/// ```
///
/// The default is `unlock = "passphrase"`: the key store stays locked until a front end calls
/// `daemon.unlock`, so nothing on disk alone opens the cache. `keyfile` trades that for unattended
/// start (a 0600 file of 32 random bytes, read at start) and is meant for headless sessions.
package struct DaemonConfiguration: Equatable, Sendable {
    /// How the key store's key-encryption key is obtained.
    package enum UnlockMode: String, Equatable, Sendable, CaseIterable {
        /// scrypt of a passphrase given through `daemon.unlock` (the default).
        case passphrase
        /// A raw 32-byte key in a mode-0600 file, read at start (headless use).
        case keyfile
    }

    /// The server front ends are offered by default; `nil` when not configured.
    package var server: URL?
    /// How the key store unlocks; ``UnlockMode/passphrase`` by default.
    package var unlock: UnlockMode
    /// The raw key file for ``UnlockMode/keyfile``; `$XDG_DATA_HOME/dialogue/store.key` by default.
    package var keyFile: URL
    /// A PEM file of extra trusted CA certificates (self-hosted servers); the system bundle is always trusted.
    package var caFile: URL?
    /// The log level; `info` by default.
    package var logLevel: Logger.Level
    /// Where `bot.ask` sends prompts (the `[assistant]` table).
    package var assistant: AssistantSettings

    /// The settings when there is no config file.
    /// - Parameter paths: The resolved daemon paths (the key file defaults into the data directory).
    package init(paths: DaemonPaths) {
        self.server = nil
        self.unlock = .passphrase
        self.keyFile = paths.dataDirectory.appendingPathComponent("store.key")
        self.caFile = nil
        self.logLevel = .info
        self.assistant = AssistantSettings()
    }

    /// Reads `paths.configFile`; a missing file means the defaults.
    /// - Throws: ``ConfigurationError`` for an unreadable file or a bad setting, naming the line.
    package static func load(paths: DaemonPaths) throws(ConfigurationError) -> DaemonConfiguration {
        let path = paths.configFile.path
        guard FileManager.default.fileExists(atPath: path) else { return DaemonConfiguration(paths: paths) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("cannot read the config file \(path): check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError("the config file \(path) is not UTF-8 text")
        }
        do {
            return try DaemonConfiguration(parsing: text, paths: paths)
        } catch {
            throw ConfigurationError(line: error.line, "\(path) \(error.description)")
        }
    }

    /// Parses the text of a config file over the defaults.
    /// - Throws: ``ConfigurationError`` naming the line of a syntax error, an unknown key or a bad value.
    package init(parsing text: String, paths: DaemonPaths) throws(ConfigurationError) {
        self.init(paths: paths)
        let file = try ConfigFile(parsing: text)
        for entry in file.entries {
            try apply(entry)
        }
        try assistant.check(file.entries)
    }

    private mutating func apply(_ entry: ConfigFile.Entry) throws(ConfigurationError) {
        let line = entry.line
        func fail(_ message: String) -> ConfigurationError {
            ConfigurationError(line: line, "line \(line): \(message)")
        }
        func string() throws(ConfigurationError) -> String {
            guard case .string(let text) = entry.value else {
                throw fail("\(entry.key) must be a string, found \(entry.value.typeName)")
            }
            return text
        }
        func absolutePath() throws(ConfigurationError) -> URL {
            let text = try string()
            guard text.hasPrefix("/") else { throw fail("\(entry.key) must be an absolute path, found \"\(text)\"") }
            return URL(fileURLWithPath: text)
        }
        switch (entry.section, entry.key) {
        case (nil, "server"):
            let text = try string()
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
                scheme == "http" || scheme == "https",
                url.host?.isEmpty == false
            else {
                throw fail("server must be an http:// or https:// URL, found \"\(text)\"")
            }
            server = url
        case (nil, "unlock"):
            let text = try string()
            guard let mode = UnlockMode(rawValue: text) else {
                throw fail("unlock must be \"passphrase\" or \"keyfile\", found \"\(text)\"")
            }
            unlock = mode
        case (nil, "keyFile"):
            keyFile = try absolutePath()
        case (nil, "caFile"):
            caFile = try absolutePath()
        case ("log", "level"):
            let text = try string()
            guard let level = Logger.Level(rawValue: text) else {
                let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail("log level must be one of \(names), found \"\(text)\"")
            }
            logLevel = level
        case (AssistantSettings.section, _):
            try assistant.apply(entry)
        default:
            let name = entry.section.map { "[\($0)] \(entry.key)" } ?? entry.key
            throw fail("unknown setting \(name) (known: server, unlock, keyFile, caFile, [log] level, [assistant])")
        }
    }
}
