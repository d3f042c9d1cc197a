import Foundation

extension AssistantSettings {
    /// The table name in `config.toml`.
    static let section = "assistant"

    /// Applies one `[assistant]` entry.
    /// - Throws: ``ConfigurationError`` naming the line of a wrong type, an unknown key or a bad value.
    mutating func apply(_ entry: ConfigFile.Entry) throws(ConfigurationError) {
        let line = entry.line
        func fail(_ message: String) -> ConfigurationError {
            ConfigurationError(line: line, "line \(line): \(message)")
        }
        guard case .string(let text) = entry.value else {
            throw fail("[assistant] \(entry.key) must be a string, found \(entry.value.typeName)")
        }
        switch entry.key {
        case "mode":
            guard let value = Mode(rawValue: text) else {
                throw fail("[assistant] mode must be \"server\" or \"direct\", found \"\(text)\"")
            }
            mode = value
        case "baseURL":
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
                scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
            else {
                throw fail("[assistant] baseURL must be an http:// or https:// URL, found \"\(text)\"")
            }
            // Plain http would carry prompts and the API key in clear text over the network.
            guard scheme == "https" || Self.isLoopback(host) else {
                throw fail(
                    "[assistant] baseURL must use https:// unless it points at this machine (127.0.0.1, ::1, localhost)"
                )
            }
            baseURL = url
        case "model":
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw fail("[assistant] model must not be empty")
            }
            model = text
        case "apiKeyFile":
            guard text.hasPrefix("/") else {
                throw fail("[assistant] apiKeyFile must be an absolute path, found \"\(text)\"")
            }
            apiKeyFile = URL(fileURLWithPath: text)
        default:
            throw fail(
                "unknown setting [assistant] \(entry.key) (known: [assistant] mode, baseURL, model, apiKeyFile)")
        }
    }

    /// Checks the settings fit together once the whole table is read.
    /// - Parameter entries: The file's entries, to name the line at fault.
    /// - Throws: ``ConfigurationError`` for direct mode without an endpoint or model, and for
    ///   direct-mode settings under server mode (a user who meant to keep prompts off the Dialogue
    ///   server must not have them sent there because `mode` was forgotten).
    func check(_ entries: [ConfigFile.Entry]) throws(ConfigurationError) {
        func line(of key: String) -> Int {
            entries.first { $0.section == Self.section && $0.key == key }?.line ?? 0
        }
        func fail(_ key: String, _ message: String) -> ConfigurationError {
            let number = line(of: key)
            return ConfigurationError(line: number, "line \(number): \(message)")
        }
        switch mode {
        case .direct:
            guard baseURL != nil else {
                throw fail(
                    "mode",
                    "[assistant] mode = \"direct\" needs baseURL (an OpenAI-compatible endpoint such as http://127.0.0.1:8080/v1)"
                )
            }
            guard model != nil else {
                throw fail("mode", "[assistant] mode = \"direct\" needs model (the model name the endpoint serves)")
            }
        case .server:
            for key in ["baseURL", "model", "apiKeyFile"]
            where entries.contains(where: {
                $0.section == Self.section && $0.key == key
            }) {
                throw fail(
                    key,
                    "[assistant] \(key) is only used with mode = \"direct\": add mode = \"direct\" or remove \(key)")
            }
        }
    }

    /// Whether `host` is this machine, where plain http never crosses a network.
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if bare == "localhost" || bare == "::1" { return true }
        // 127.0.0.0/8 as a dotted quad; a name such as 127.example.org is not loopback.
        let parts = bare.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.first == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
