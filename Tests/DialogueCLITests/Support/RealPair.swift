import DialogueRPC
import DialogueTestSupport
import Foundation
import Testing

/// One real `dialogue-server` and two real `dialogued` (Ada's and Grace's, each under its own
/// XDG root), both people unlocked and signed up through the real `dialogue` binary.
///
/// The server listens on a fixed port below the ephemeral range with a fixed token secret, so
/// ``stopServer()`` and ``restartServer()`` make a real outage that the daemons survive. Every
/// process is stopped by ``stop()``, which `deinit` calls too, so no path leaves one running.
final class RealPair {
    /// One person: their daemon and how to run `dialogue` as them.
    struct Person: Sendable {
        var name: String
        var email: String
        /// The XDG variables that select this person's daemon.
        var environment: [String: String]
        /// Their daemon's socket, for programs given `--socket`.
        var socket: String
        /// Their user id, from `dialogue --json me`.
        var id = ""

        /// Runs `dialogue ARGUMENTS` as this person.
        func run(_ arguments: [String], stdin: String = "") async throws -> CLIProcess.Outcome {
            try await CLIProcess.run(arguments, stdin: stdin, environment: environment)
        }

        /// Runs `dialogue --json ARGUMENTS` and parses what it printed.
        func json(_ arguments: [String]) async throws -> JSONValue {
            let outcome = try await run(["--json"] + arguments)
            guard outcome.status == 0 else {
                throw Failure(description: "dialogue --json \(arguments) exited \(outcome.status): \(outcome.stderr)")
            }
            return try JSONValue(parsing: Data(outcome.stdout.utf8))
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Whether the real programs are built (tests are skipped otherwise).
    static var available: Bool {
        BuiltProgram.url("dialogued") != nil && BuiltProgram.url("dialogue-server") != nil
            && BuiltProgram.url("dialogue") != nil
    }

    let directory: TemporaryDirectory
    let port: Int
    var url: String { "http://127.0.0.1:\(port)" }
    private(set) var ada: Person
    private(set) var grace: Person
    private var server: ChildProcess?
    private var daemons: [ChildProcess] = []

    private init(directory: consuming TemporaryDirectory, port: Int, ada: Person, grace: Person) {
        self.directory = directory
        self.port = port
        self.ada = ada
        self.grace = grace
    }

    /// Starts everything and signs both people up.
    static func start() async throws -> RealPair {
        let directory = try TemporaryDirectory(prefix: "dcli")
        let root = directory.path
        func person(_ name: String, _ email: String, _ folder: String) throws -> Person {
            let environment = try RealPrograms.environment(root: root + "/" + folder)
            let socket = environment["XDG_RUNTIME_DIR", default: ""] + "/dialogue/dialogued.sock"
            return Person(name: name, email: email, environment: environment, socket: socket)
        }
        let ada = try person("Ada Lovelace", "ada@example.com", "a")
        let grace = try person("Grace Hopper", "grace@example.com", "g")
        var port = RealPrograms.restartablePort()
        var server = try await RealPrograms.startServer(root: root, port: port)
        for _ in 0..<10 where server == nil {
            port = RealPrograms.restartablePort()
            server = try await RealPrograms.startServer(root: root, port: port)
        }
        let pair = RealPair(directory: directory, port: port, ada: ada, grace: grace)
        let started: ChildProcess = try #require(server, "dialogue-server did not start")
        pair.server = started
        for (person, folder) in [(ada, "a"), (grace, "g")] {
            let daemon = try await RealPrograms.startDaemon(
                environment: person.environment, log: root + "/\(folder)/dialogued.log")
            pair.daemons.append(try #require(daemon, "dialogued did not start for \(person.name)"))
        }
        let url = pair.url
        async let adaReady = signUp(ada, server: url)
        async let graceReady = signUp(grace, server: url)
        (pair.ada, pair.grace) = try await (adaReady, graceReady)
        return pair
    }

    /// `dialogue unlock` (creating the key store) and `dialogue signup` as `person`; with the id.
    private static func signUp(_ person: Person, server url: String) async throws -> Person {
        let unlock = try await person.run(["unlock"], stdin: "a long test passphrase\n")
        guard unlock.status == 0 else { throw Failure(description: "unlock: \(unlock.stderr)") }
        let signup = try await person.run(
            ["signup", "--server", url, "--email", person.email, "--name", person.name],
            stdin: "a good password\n")
        guard signup.status == 0 else { throw Failure(description: "signup: \(signup.stderr)") }
        var person = person
        person.id = try await person.json(["me"])["id"]?.stringValue ?? ""
        return person
    }

    /// Another device of `person`: its own daemon under its own XDG root (`folder`), unlocked but
    /// not signed in.
    func addDevice(of person: Person, folder: String) async throws -> Person {
        let root = directory.path + "/" + folder
        let environment = try RealPrograms.environment(root: root)
        let device = Person(
            name: person.name, email: person.email, environment: environment,
            socket: environment["XDG_RUNTIME_DIR", default: ""] + "/dialogue/dialogued.sock")
        let daemon = try await RealPrograms.startDaemon(environment: environment, log: root + "/dialogued.log")
        daemons.append(try #require(daemon, "dialogued did not start for \(person.name)'s other device"))
        let unlock = try await device.run(["unlock"], stdin: "another test passphrase\n")
        guard unlock.status == 0 else { throw Failure(description: "unlock: \(unlock.stderr)") }
        return device
    }

    /// Stops the server (the daemons see the outage).
    func stopServer() {
        if let server { RealPrograms.stop(server) }
        server = nil
    }

    /// Starts the server again on the same port and data; throws when it cannot.
    func restartServer() async throws {
        stopServer()
        var restarted = try await RealPrograms.startServer(root: directory.path, port: port)
        // The old socket's port may linger for a moment after the process ends.
        let deadline = ContinuousClock.now + .seconds(20)
        while restarted == nil, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            restarted = try await RealPrograms.startServer(root: directory.path, port: port)
        }
        let started: ChildProcess = try #require(restarted, "dialogue-server did not start again on port \(port)")
        server = started
    }

    /// A daemon's log, for a failing assertion's message.
    func log(of person: Person) -> String {
        let folder = person.email == ada.email ? "a" : "g"
        return (try? String(contentsOfFile: directory.path + "/\(folder)/dialogued.log", encoding: .utf8)) ?? ""
    }

    /// Stops every process this pair started.
    func stop() {
        for daemon in daemons { RealPrograms.stop(daemon) }
        daemons = []
        stopServer()
    }

    deinit {
        stop()
    }
}
