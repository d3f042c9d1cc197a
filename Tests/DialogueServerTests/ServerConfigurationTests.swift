import DialogueServer
import DialogueServerStore
import DialogueTestSupport
import Foundation
import Testing

/// Where the database URL comes from, in order: the config file (`databaseURL` or
/// `databaseURLFile`), `DIALOGUE_DATABASE_URL`, systemd's credential `database-url` (only when
/// nothing else names one), then `--database-url`.
@Suite("Server configuration: the database")
struct ServerConfigurationTests {
    static let secret = String(repeating: "s", count: 40)

    static func load(
        file: String? = nil, environment: [String: String] = [:], flag: String? = nil, in directory: URL
    ) throws -> ServerConfiguration {
        var path: String?
        if let file {
            let url = directory.appendingPathComponent("server.json")
            try Data(file.utf8).write(to: url)
            path = url.path
        }
        return try ServerConfiguration.load(
            configFile: path,
            environment: environment.merging(["DIALOGUE_JWT_SECRET": secret]) { $1 },
            host: nil,
            port: nil,
            dataDirectory: nil,
            databaseURL: flag,
            development: false
        )
    }

    @Test func sqliteIsTheDefault() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(try Self.load(in: directory.url).database == nil)
    }

    @Test func eachSourceNamesTheDatabaseAndLaterOnesWin() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fromFile = try Self.load(file: #"{"databaseURL": "postgres://file@db1/one"}"#, in: directory.url)
        #expect(fromFile.database?.description == "file@db1:5432/one")

        let secretFile = directory.url.appendingPathComponent("database-url")
        try Data("postgresql://secretfile:pw@db2:6543/two\n".utf8).write(to: secretFile)
        let fromSecretFile = try Self.load(file: #"{"databaseURLFile": "\#(secretFile.path)"}"#, in: directory.url)
        #expect(fromSecretFile.database?.description == "secretfile@db2:6543/two")

        let fromEnvironment = try Self.load(
            file: #"{"databaseURL": "postgres://file@db1/one"}"#,
            environment: ["DIALOGUE_DATABASE_URL": "postgres://env@db3/three"],
            in: directory.url
        )
        #expect(fromEnvironment.database?.description == "env@db3:5432/three")

        let fromFlag = try Self.load(
            environment: ["DIALOGUE_DATABASE_URL": "postgres://env@db3/three"],
            flag: "postgres://flag@db4/four?sslmode=require",
            in: directory.url
        )
        #expect(fromFlag.database?.description == "flag@db4:5432/four")
    }

    @Test func systemdsCredentialIsUsedWhenNothingElseNamesADatabase() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try Data("postgres://dialogue:pw@db5/five\n".utf8)
            .write(to: directory.url.appendingPathComponent("database-url"))
        let credentials = ["CREDENTIALS_DIRECTORY": directory.url.path]
        #expect(
            try Self.load(environment: credentials, in: directory.url).database?.description == "dialogue@db5:5432/five"
        )
        let overridden = try Self.load(
            environment: credentials.merging(["DIALOGUE_DATABASE_URL": "postgres://env@db3/three"]) { $1 },
            in: directory.url
        )
        #expect(overridden.database?.description == "env@db3:5432/three")
    }

    @Test(arguments: [
        ("mysql://root:hunter2@db/dialogue", "postgres://"),
        ("postgres://root:hunter2@db:99999/dialogue", "port"),
        ("postgres://root:hunter2@db/dialogue?sslmode=sometimes", "sslmode"),
        ("postgres:///dialogue", "host"),
    ])
    func aBadURLIsAConfigurationErrorThatNeverRepeatsThePassword(url: String, mentions: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let error = try #require(throws: ConfigurationError.self) { try Self.load(flag: url, in: directory.url) }
        #expect(error.description.contains(mentions), "\(error.description)")
        #expect(!error.description.contains("hunter2"))
    }

    @Test func aSocketDirectoryInTheQueryIsUsedAsLibpqDoes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let configuration = try Self.load(flag: "postgres://dialogue@/team?host=/run/postgresql", in: directory.url)
        #expect(configuration.database?.description == "dialogue@/run/postgresql/.s.PGSQL.5432/team")
    }
}
