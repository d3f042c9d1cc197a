import Foundation
import Testing

@testable import DialogueDaemon

/// `config.toml`: the defaults, every setting, and errors that name the line.
struct ConfigurationTests {
    let paths = DaemonPaths(
        configFile: URL(fileURLWithPath: "/x/config/dialogue/config.toml"),
        dataDirectory: URL(fileURLWithPath: "/x/data/dialogue", isDirectory: true),
        socket: URL(fileURLWithPath: "/x/run/dialogue/dialogued.sock")
    )

    @Test func defaultsUnlockWithAPassphraseAndKeepTheKeyFileInTheDataDirectory() throws {
        let configuration = DaemonConfiguration(paths: paths)
        #expect(configuration.unlock == .passphrase)
        #expect(configuration.keyFile.path == "/x/data/dialogue/store.key")
        #expect(configuration.server == nil)
        #expect(configuration.caFile == nil)
        #expect(configuration.logLevel == .info)
        #expect(configuration.assistant == AssistantSettings())
        #expect(configuration.assistant.mode == .server)
    }

    @Test func missingFileMeansDefaults() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let paths = try directory.paths()
        #expect(try DaemonConfiguration.load(paths: paths) == DaemonConfiguration(paths: paths))
    }

    @Test func readsEverySetting() throws {
        let text = """
            # a comment
            server = "https://chat.example.org"   # trailing comment
            unlock = "keyfile"
            keyFile = "/secure/store.key"
            caFile = "/etc/dialogue/ca.pem"

            [log]
            level = "debug"
            """
        let configuration = try DaemonConfiguration(parsing: text, paths: paths)
        #expect(configuration.server?.absoluteString == "https://chat.example.org")
        #expect(configuration.unlock == .keyfile)
        #expect(configuration.keyFile.path == "/secure/store.key")
        #expect(configuration.caFile?.path == "/etc/dialogue/ca.pem")
        #expect(configuration.logLevel == .debug)
    }

    @Test func readsTheAssistantTable() throws {
        let text = """
            [assistant]
            mode = "direct"
            baseURL = "http://127.0.0.1:8080/v1"
            model = "llama-3.2-3b-instruct"
            apiKeyFile = "/secure/ai.key"
            """
        let assistant = try DaemonConfiguration(parsing: text, paths: paths).assistant
        #expect(assistant.mode == .direct)
        #expect(assistant.baseURL?.absoluteString == "http://127.0.0.1:8080/v1")
        #expect(assistant.model == "llama-3.2-3b-instruct")
        #expect(assistant.apiKeyFile?.path == "/secure/ai.key")
        // A remote endpoint over https, a loopback one over http, and no key at all.
        for base in ["https://api.groq.com/openai/v1", "http://localhost:11434/v1", "http://[::1]:8080/v1"] {
            let direct = "[assistant]\nmode = \"direct\"\nbaseURL = \"\(base)\"\nmodel = \"m\""
            let parsed = try DaemonConfiguration(parsing: direct, paths: paths).assistant
            #expect(parsed.baseURL?.absoluteString == base)
            #expect(parsed.apiKeyFile == nil)
        }
        let server = try DaemonConfiguration(parsing: "[assistant]\nmode = \"server\"", paths: paths)
        #expect(server.assistant.mode == .server)
    }

    @Test func parserReadsStringsIntegersAndBooleans() throws {
        let file = try ConfigFile(
            parsing: "a = \"x\\ty \\\"q\\\" \\u00e9\"\nb = -42\nc = true\n[s]\nd = false\r\n")
        #expect(
            file.entries.map(\.value) == [.string("x\ty \"q\" é"), .integer(-42), .boolean(true), .boolean(false)])
        #expect(file.entries.map(\.line) == [1, 2, 3, 5])
        #expect(file.entries[3].section == "s")
    }

    struct BadConfig: CustomTestStringConvertible, Sendable {
        var text: String
        var line: Int
        var mentions: String
        var testDescription: String { "line \(line): \(mentions)" }
    }

    @Test(
        arguments: [
            BadConfig(text: "server = \"https://a.example\"\n\nfoo = 1", line: 3, mentions: "unknown setting foo"),
            BadConfig(text: "unlock = \"fingerprint\"", line: 1, mentions: "unlock must be"),
            BadConfig(text: "# ok\nserver = \"https://a.example", line: 2, mentions: "not closed"),
            BadConfig(text: "server = [\"a\"]", line: 1, mentions: "arrays"),
            BadConfig(text: "unlock = \"keyfile\"\nunlock = \"passphrase\"", line: 2, mentions: "set twice"),
            BadConfig(text: "server \"https://a.example\"", line: 1, mentions: "expected ="),
            BadConfig(text: "\n\nkeyFile = \"store.key\"", line: 3, mentions: "absolute path"),
            BadConfig(text: "server = 5000", line: 1, mentions: "must be a string"),
            BadConfig(text: "server = \"ftp://a.example\"", line: 1, mentions: "http:// or https://"),
            BadConfig(text: "[log]\nlevel = \"loud\"", line: 2, mentions: "log level must be"),
            BadConfig(text: "[log\nlevel = \"info\"", line: 1, mentions: "must end with ]"),
            BadConfig(text: "[log]\n[log]", line: 2, mentions: "appears twice"),
            BadConfig(text: "unlock = passphrase", line: 1, mentions: "double quotes"),
            BadConfig(text: "a.b = 1", line: 1, mentions: "dotted keys"),
            BadConfig(text: "unlock = \"keyfile\" extra", line: 1, mentions: "unexpected text"),
            BadConfig(text: "server = 'https://a.example'", line: 1, mentions: "literal strings"),
            BadConfig(
                text: "[assistant]\nmode = \"local\"", line: 2, mentions: "mode must be \"server\" or \"direct\""),
            BadConfig(text: "[assistant]\nmode = \"direct\"\nmodel = \"m\"", line: 2, mentions: "needs baseURL"),
            BadConfig(
                text: "[assistant]\nmode = \"direct\"\nbaseURL = \"https://a.example/v1\"", line: 2,
                mentions: "needs model"),
            BadConfig(
                text: "[assistant]\n\nbaseURL = \"https://a.example/v1\"", line: 3,
                mentions: "only used with mode = \"direct\""),
            BadConfig(text: "[assistant]\nbaseURL = \"ftp://a.example\"", line: 2, mentions: "http:// or https://"),
            BadConfig(
                text: "[assistant]\nbaseURL = \"http://ai.example.org/v1\"", line: 2,
                mentions: "https:// unless it points at this machine"),
            BadConfig(
                text: "[assistant]\nbaseURL = \"http://127.example.org/v1\"", line: 2,
                mentions: "https:// unless it points at this machine"),
            BadConfig(text: "[assistant]\napiKeyFile = \"ai.key\"", line: 2, mentions: "absolute path"),
            BadConfig(
                text: "[assistant]\napiKey = \"sk-123\"", line: 2, mentions: "unknown setting [assistant] apiKey"),
            BadConfig(text: "[assistant]\nmodel = 3", line: 2, mentions: "must be a string"),
        ]
    )
    func errorsNameTheLine(_ bad: BadConfig) throws {
        let error = try #require(throws: ConfigurationError.self) {
            try DaemonConfiguration(parsing: bad.text, paths: paths)
        }
        #expect(error.line == bad.line)
        #expect(error.description.hasPrefix("line \(bad.line): "), "\(error.description)")
        #expect(error.description.contains(bad.mentions), "\(error.description)")
    }

    @Test func loadNamesTheFileAndLine() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let paths = try directory.paths()
        try FileManager.default.createDirectory(
            at: paths.configFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("server = \"https://a.example\"\nbogus = true\n".utf8).write(to: paths.configFile)
        let error = try #require(throws: ConfigurationError.self) { try DaemonConfiguration.load(paths: paths) }
        #expect(error.line == 2)
        #expect(error.description.contains(paths.configFile.path))
        #expect(error.description.contains("line 2"))
    }
}
