import DialogueCrypto
import DialogueStore
import Foundation
import Logging
import NIOPosix
import Synchronization

/// Owns the daemon's lock state: the store master key and the open cache exist only while unlocked.
///
/// The key store file (`keystore` in the data directory, mode 0600) is a `StoreKeyFile` wrapping the
/// store master key (SMK) under a key-encryption key from the passphrase (scrypt) or from a raw key
/// file. A passphrase change re-wraps the same SMK (``StoreKeyFile/rewrap(_:oldSecret:newSource:newSecret:)``),
/// so the cache stays readable.
///
/// - Important: Transitions (unlock, passphrase change) run one at a time; a second one arriving
///   meanwhile is refused with ``DaemonError/Code/conflict`` rather than queued behind a slow scrypt.
package actor KeyStoreController {
    /// Whether the keys are in memory.
    package enum State: Sendable {
        case locked
        case unlocked(StoreCipher, LocalStore)
    }

    /// Makes the scrypt parameters (with a fresh salt) for a new wrapping; tests pass cheaper ones.
    package typealias PassphraseSource = @Sendable () -> StoreKeyFile.Source

    /// A sealed meta value written when the cache is created; reading it proves the cache belongs
    /// to this key store.
    static let checkMetaKey = "keystore.check"

    package private(set) var state: State = .locked {
        didSet { published.withLock { $0 = state } }
    }
    /// ``state`` for readers that must not wait for the actor (`daemon.status`).
    private nonisolated let published = Mutex<State>(.locked)
    package nonisolated var currentState: State { published.withLock { $0 } }
    package nonisolated let dataDirectory: URL
    private let passphraseSource: PassphraseSource
    private let logger: Logger
    private var transitionInProgress = false
    /// Bumped by every ``lock()``, so an unlock that was still deriving keys when a lock arrived
    /// does not reopen the store behind the caller's back.
    private var lockGeneration = 0
    /// The last measured cache size and when: `daemon.status` may be polled often, a stat of
    /// three files each time is not needed for a figure that moves slowly.
    private nonisolated let measuredSize = Mutex<(at: ContinuousClock.Instant, bytes: Int)?>(nil)

    /// - Parameters:
    ///   - dataDirectory: Where `keystore` and `cache.sqlite` live (created 0700 when missing).
    ///   - passphraseSource: scrypt parameters for new wrappings; the desktop defaults unless a test says otherwise.
    ///   - logger: Receives lock state changes, never a secret.
    package init(
        dataDirectory: URL,
        passphraseSource: @escaping PassphraseSource = { .passphraseDefaults() },
        logger: Logger
    ) {
        self.dataDirectory = dataDirectory
        self.passphraseSource = passphraseSource
        self.logger = logger
    }

    /// The key store file.
    package nonisolated var keystoreURL: URL { dataDirectory.appendingPathComponent("keystore") }
    /// The cache file.
    package nonisolated var cacheURL: URL { dataDirectory.appendingPathComponent("cache.sqlite") }

    package var isLocked: Bool {
        if case .locked = state { return true }
        return false
    }

    /// The open cache.
    /// - Throws: ``DaemonError/Code/locked`` while locked.
    package func store() throws(DaemonError) -> LocalStore {
        guard case .unlocked(_, let store) = state else {
            throw DaemonError(.locked, "The key store is locked: call daemon.unlock first")
        }
        return store
    }

    /// Unlocks with a passphrase; on a fresh data directory creates the key store and the cache under it.
    /// - Parameter passphrase: Normalised to Unicode NFC so the same words typed on another keyboard still work.
    /// - Returns: Whether the key store was created by this call.
    /// - Throws: ``DaemonError/Code/locked`` for a wrong passphrase, ``DaemonError/Code/invalidInput`` for an
    ///   empty one, ``DaemonError/Code/failed`` for an unreadable or damaged file.
    @discardableResult
    package func unlock(passphrase: String) async throws(DaemonError) -> Bool {
        let secret = try Self.secret(passphrase)
        return try await transition { () async throws(DaemonError) -> Bool in
            try await self.open(secret: secret, source: self.passphraseSource(), what: "passphrase")
        }
    }

    /// Unlocks with the raw key in `keyFile` (headless mode); creates the key store on first use.
    /// - Throws: ``DaemonError/Code/locked`` when the file is not mode 0600, not 32 bytes, or does not
    ///   unwrap this key store.
    @discardableResult
    package func unlock(keyFile: URL) async throws(DaemonError) -> Bool {
        let secret: [UInt8]
        do {
            secret = try StoreKeyFile.readRawKeyFile(atPath: keyFile.path)
        } catch {
            if error.code == .insecureKeyFile {
                throw DaemonError(
                    .locked, "The key file \(keyFile.path) is readable by others: run chmod 600 \(keyFile.path)")
            }
            throw DaemonError(
                .locked,
                "The key file \(keyFile.path) is missing or does not hold exactly 32 bytes: create it with "
                    + "head -c 32 /dev/urandom > \(keyFile.path) and chmod 600 \(keyFile.path)"
            )
        }
        return try await transition { () async throws(DaemonError) -> Bool in
            try await self.open(secret: secret, source: .rawKey, what: "key file")
        }
    }

    /// Drops the cipher and closes the cache (once in-flight calls release it).
    package func lock() {
        if case .unlocked = state { logger.info("key store locked") }
        state = .locked
        lockGeneration += 1
    }

    /// Re-wraps the same SMK under `new`, proving knowledge of `old`; works locked or unlocked.
    /// - Throws: ``DaemonError/Code/locked`` when `old` is wrong or there is no key store yet.
    package func setPassphrase(old: String, new: String) async throws(DaemonError) {
        let oldSecret = try Self.secret(old)
        let newSecret = try Self.secret(new)
        try await transition { () async throws(DaemonError) -> Void in
            let file = try self.readKeystore()
            // Checked first so a wrong passphrase answers `locked`, not a generic failure.
            _ = try await Self.unwrap(file, secret: oldSecret, what: "old passphrase")
            let source = self.passphraseSource()
            let rewrapped = try await Self.offloaded("Wrapping the store key") {
                try StoreKeyFile.rewrap(file, oldSecret: oldSecret, newSource: source, newSecret: newSecret)
            }
            try AtomicFile.replace(self.keystoreURL, with: rewrapped)
            self.logger.info("key store passphrase changed")
        }
    }

    /// Bytes the cache takes on disk (database, WAL and shared memory); sizes are not secret.
    /// Measured at most once a second.
    package nonisolated func cacheBytes() -> Int {
        let now = ContinuousClock.now
        if let last = measuredSize.withLock({ $0 }), now - last.at < .seconds(1) { return last.bytes }
        let bytes = ["", "-wal", "-shm"].reduce(0) { total, suffix in
            var info = stat()
            return total + (stat(cacheURL.path + suffix, &info) == 0 ? Int(info.st_size) : 0)
        }
        measuredSize.withLock { $0 = (now, bytes) }
        return bytes
    }

    // MARK: - Internals

    private func transition<T: Sendable>(
        _ body: () async throws(DaemonError) -> T
    ) async throws(DaemonError) -> T {
        guard !transitionInProgress else {
            throw DaemonError(.conflict, "Another unlock or passphrase change is in progress: try again")
        }
        transitionInProgress = true
        defer { transitionInProgress = false }
        return try await body()
    }

    private func open(secret: [UInt8], source: StoreKeyFile.Source, what: String) async throws(DaemonError) -> Bool {
        if case .unlocked = state { return false }
        let generation = lockGeneration
        try Self.createDirectory(dataDirectory)
        if FileManager.default.fileExists(atPath: keystoreURL.path) {
            let cipher = try await Self.unwrap(try readKeystore(), secret: secret, what: what)
            let store = try Self.openCache(at: dataDirectory, cipher: cipher)
            do {
                _ = try await store.meta(Self.checkMetaKey, as: Bool.self)
            } catch {
                throw DaemonError("The cache does not decrypt with this key store", store: error)
            }
            try checkNotLocked(since: generation)
            state = .unlocked(cipher, store)
            logger.info("key store unlocked", metadata: ["dialogue.unlock": "\(what)"])
            return false
        }
        moveOrphanedCacheAside()
        let (file, cipher) = try await Self.offloaded("Creating the key store") {
            try StoreKeyFile.create(source: source, secret: secret)
        }
        let store = try Self.openCache(at: dataDirectory, cipher: cipher)
        do {
            // The cache is marked first: a crash before the key store exists leaves an orphan cache
            // that the next unlock moves aside.
            try await store.setMeta(Self.checkMetaKey, true)
        } catch {
            throw DaemonError("Writing the new cache failed", store: error)
        }
        try AtomicFile.replace(keystoreURL, with: file)
        try checkNotLocked(since: generation)
        state = .unlocked(cipher, store)
        logger.info("key store created", metadata: ["dialogue.unlock": "\(what)"])
        return true
    }

    private func checkNotLocked(since generation: Int) throws(DaemonError) {
        guard generation == lockGeneration else {
            throw DaemonError(.locked, "daemon.lock arrived during the unlock: the key store stays locked")
        }
    }

    /// A cache without a key store can never be decrypted again; keep it for forensics, out of the way.
    private func moveOrphanedCacheAside() {
        let manager = FileManager.default
        guard manager.fileExists(atPath: cacheURL.path) else { return }
        let stamp = Int(Date().timeIntervalSince1970)
        for suffix in ["", "-wal", "-shm"] where manager.fileExists(atPath: cacheURL.path + suffix) {
            try? manager.moveItem(atPath: cacheURL.path + suffix, toPath: cacheURL.path + ".orphaned-\(stamp)" + suffix)
        }
        logger.warning("found a cache without a key store; moved it aside", metadata: ["dialogue.stamp": "\(stamp)"])
    }

    private func readKeystore() throws(DaemonError) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: keystoreURL.path) else {
            throw DaemonError(.locked, "There is no key store yet: daemon.unlock creates one")
        }
        guard let data = FileManager.default.contents(atPath: keystoreURL.path) else {
            throw DaemonError(
                .failed, "The key store file cannot be read: check its permissions",
                cause: CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: keystoreURL.path]))
        }
        return Array(data)
    }

    private static func unwrap(
        _ file: [UInt8],
        secret: [UInt8],
        what: String
    ) async throws(DaemonError) -> StoreCipher {
        do {
            return try await NIOThreadPool.singleton.runIfActive { try StoreKeyFile.unlock(file, secret: secret) }
        } catch let error as CryptoError {
            if error.code == .wrongPassphrase {
                throw DaemonError(.locked, "The \(what) is wrong: the key store stays locked")
            }
            throw DaemonError(.failed, "The key store file is damaged or from a newer version", cause: error)
        } catch {
            throw DaemonError(.failed, "Unwrapping the key store could not run", cause: error)
        }
    }

    /// Runs scrypt (about half a second and 128 MiB at the defaults) on NIO's blocking-work pool,
    /// off the few cooperative threads that answer every other call meanwhile.
    private static func offloaded<T: Sendable>(
        _ step: String,
        _ work: @escaping @Sendable () throws -> T
    ) async throws(DaemonError) -> T {
        do {
            return try await NIOThreadPool.singleton.runIfActive(work)
        } catch {
            throw DaemonError(.failed, "\(step) failed", cause: error)
        }
    }

    private static func openCache(at directory: URL, cipher: StoreCipher) throws(DaemonError) -> LocalStore {
        do {
            return try LocalStore(directory: directory, cipher: cipher)
        } catch {
            throw DaemonError("The cache cannot be opened", store: error)
        }
    }

    private static func createDirectory(_ url: URL) throws(DaemonError) {
        do {
            try FileManager.default.createDirectory(
                at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw DaemonError(.failed, "The data directory cannot be created", cause: error)
        }
    }

    private static func secret(_ passphrase: String) throws(DaemonError) -> [UInt8] {
        guard !passphrase.isEmpty else { throw DaemonError(.invalidInput, "The passphrase must not be empty") }
        return Array(passphrase.precomposedStringWithCanonicalMapping.utf8)
    }
}
