import DialogueCrypto
import DialogueRPC
import DialogueRPCTransport
import DialogueStore
import DialogueTestSupport
import Foundation
import Logging

@testable import DialogueDaemon

/// Cheap scrypt parameters (N = 2^10) so tests do not spend seconds per unlock.
let cheapPassphraseSource: KeyStoreController.PassphraseSource = {
    .passphrase(salt: SecureRandom.bytes(16), log2N: 10, blockSize: 8, parallelism: 1)
}

/// A logger that only speaks up for warnings, so test output stays readable.
let quietLogger: Logger = {
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    return logger
}()

/// A real daemon in-process on a real Unix socket in an isolated XDG directory.
final class TestDaemon: Sendable {
    let directory: TestDirectory
    let paths: DaemonPaths
    private let task: Task<Void, any Error>
    private let keyStore: Locked<KeyStoreController?>

    private init(
        directory: TestDirectory, paths: DaemonPaths, task: Task<Void, any Error>,
        keyStore: Locked<KeyStoreController?>
    ) {
        self.directory = directory
        self.paths = paths
        self.task = task
        self.keyStore = keyStore
    }

    /// The cache the daemon uses while unlocked.
    func cache() async throws -> LocalStore {
        guard let controller = keyStore.value else { throw DaemonError(.failed, "the daemon made no key store") }
        return try await controller.store()
    }

    /// Starts a daemon and waits until its socket accepts connections.
    /// - Parameter configText: The `config.toml` to write first, if any.
    static func start(in directory: TestDirectory, configText: String? = nil) async throws -> TestDaemon {
        let paths = try directory.paths()
        if let configText {
            try FileManager.default.createDirectory(
                at: paths.configFile.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(configText.utf8).write(to: paths.configFile)
        }
        let configuration = try DaemonConfiguration.load(paths: paths)
        var logger = Logger(label: "test-daemon")
        logger.logLevel =
            ProcessInfo.processInfo.environment["DIALOGUE_TEST_LOG"].flatMap { Logger.Level(rawValue: $0) } ?? .warning
        let (ready, continuation) = AsyncStream.makeStream(of: Bool.self)
        let keyStore = Locked<KeyStoreController?>(nil)
        let options = Daemon.Options(
            passphraseSource: cheapPassphraseSource,
            handlesSignals: false,
            onListening: { _ in
                continuation.yield(true)
                continuation.finish()
            },
            desktopNotifications: false,
            onKeyStore: { controller in keyStore.withLock { $0 = controller } }
        )
        let task = Task {
            defer { continuation.finish() }
            try await Daemon.run(configuration: configuration, paths: paths, logger: logger, options: options)
        }
        var listening = false
        for await value in ready {
            listening = value
            break
        }
        guard listening else {
            try await task.value
            throw DaemonError(.failed, "the daemon stopped before listening")
        }
        return TestDaemon(directory: directory, paths: paths, task: task, keyStore: keyStore)
    }

    /// Calls `method` on a fresh connection and returns the result.
    func call(_ method: String, _ params: JSONValue? = nil) async throws -> JSONValue {
        try await RPCClient.withConnection(socketPath: paths.socket.path) { client in
            try await client.call(method, params: params)
        }
    }

    /// Calls `method` expecting an error, and returns it.
    func callFailing(_ method: String, _ params: JSONValue? = nil) async throws -> RPCError {
        do {
            let result = try await call(method, params)
            throw DaemonError(.failed, "\(method) succeeded unexpectedly with \(result.serialized())")
        } catch let error as RPCError {
            return error
        }
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }
}

/// Runs `body` with a fresh daemon in a fresh directory, always stopping it and removing its files.
func withTestDaemon<T>(
    configText: String? = nil,
    _ body: (TestDaemon) async throws -> T
) async throws -> T {
    let directory = try TestDirectory()
    defer { directory.remove() }
    let daemon = try await TestDaemon.start(in: directory, configText: configText)
    do {
        let result = try await body(daemon)
        await daemon.stop()
        return result
    } catch {
        await daemon.stop()
        throw error
    }
}
