import DialogueCrypto
import DialogueStore
import Foundation
import Logging
import Testing

@testable import DialogueDaemon

/// The lock lifecycle against real files: creation, wrong secrets, re-locking, passphrase change, key files.
struct KeyStoreControllerTests {
    static let passphrase = "correct horse battery staple"
    static let marker = "MARKER-7f3a9c-plaintext-never-on-disk"

    func makeController(_ directory: TestDirectory) throws -> KeyStoreController {
        KeyStoreController(
            dataDirectory: try directory.paths().dataDirectory,
            passphraseSource: cheapPassphraseSource,
            logger: quietLogger
        )
    }

    @Test func firstUnlockCreatesAPrivateKeyStoreAndTheCache() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let controller = try makeController(directory)
        #expect(await controller.isLocked)
        #expect(try await controller.unlock(passphrase: Self.passphrase))
        #expect(await !controller.isLocked)
        let attributes = try FileManager.default.attributesOfItem(atPath: controller.keystoreURL.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(FileManager.default.fileExists(atPath: controller.cacheURL.path))
        #expect(Array(try Data(contentsOf: controller.keystoreURL).prefix(6)) == Array("DLGKS1".utf8))
    }

    @Test func wrongPassphraseIsRefusedAndStaysLocked() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let first = try makeController(directory)
        try await first.unlock(passphrase: Self.passphrase)
        let second = try makeController(directory)
        let error = await #expect(throws: DaemonError.self) { try await second.unlock(passphrase: "wrong") }
        #expect(error?.code == .locked)
        #expect(error?.message.contains("wrong") == true)
        #expect(await second.isLocked)
        await #expect(throws: DaemonError.self) { try await second.store() }
    }

    @Test func emptyPassphraseIsInvalidInput() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let controller = try makeController(directory)
        let error = await #expect(throws: DaemonError.self) { try await controller.unlock(passphrase: "") }
        #expect(error?.code == .invalidInput)
        #expect(!FileManager.default.fileExists(atPath: controller.keystoreURL.path))
    }

    @Test func lockThenUnlockReadsTheSameData() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let controller = try makeController(directory)
        try await controller.unlock(passphrase: Self.passphrase)
        try await controller.store().setMeta("test.marker", Self.marker)
        await controller.lock()
        #expect(await controller.isLocked)
        await #expect(throws: DaemonError.self) { try await controller.store() }
        #expect(try await controller.unlock(passphrase: Self.passphrase) == false)
        #expect(try await controller.store().meta("test.marker", as: String.self) == Self.marker)
    }

    @Test func setPassphraseKeepsDataReadableWithTheNewOneOnly() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let controller = try makeController(directory)
        try await controller.unlock(passphrase: Self.passphrase)
        try await controller.store().setMeta("test.marker", Self.marker)
        let wrongOld = await #expect(throws: DaemonError.self) {
            try await controller.setPassphrase(old: "not it", new: "new secret words")
        }
        #expect(wrongOld?.code == .locked)
        try await controller.setPassphrase(old: Self.passphrase, new: "new secret words")
        await controller.lock()

        let error = await #expect(throws: DaemonError.self) { try await controller.unlock(passphrase: Self.passphrase) }
        #expect(error?.code == .locked)
        try await controller.unlock(passphrase: "new secret words")
        #expect(try await controller.store().meta("test.marker", as: String.self) == Self.marker)

        // Also while locked, proving the old passphrase.
        await controller.lock()
        try await controller.setPassphrase(old: "new secret words", new: "third")
        try await controller.unlock(passphrase: "third")
        #expect(try await controller.store().meta("test.marker", as: String.self) == Self.marker)
    }

    @Test func keyFileModeUnlocksFromAPrivateFileAndRefusesAReadableOne() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let keyFile = directory.url.appendingPathComponent("store.key")
        _ = FileManager.default.createFile(
            atPath: keyFile.path, contents: Data(SecureRandom.bytes(32)), attributes: [.posixPermissions: 0o600])
        let controller = try makeController(directory)
        #expect(try await controller.unlock(keyFile: keyFile))
        try await controller.store().setMeta("test.marker", Self.marker)
        await controller.lock()
        #expect(try await controller.unlock(keyFile: keyFile) == false)
        #expect(try await controller.store().meta("test.marker", as: String.self) == Self.marker)
        await controller.lock()

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile.path)
        let error = await #expect(throws: DaemonError.self) { try await controller.unlock(keyFile: keyFile) }
        #expect(error?.code == .locked)
        #expect(error?.message.contains("chmod 600") == true)
        #expect(await controller.isLocked)
    }

    @Test func keyFileOfTheWrongSizeIsRefused() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let keyFile = directory.url.appendingPathComponent("store.key")
        _ = FileManager.default.createFile(
            atPath: keyFile.path, contents: Data(SecureRandom.bytes(16)), attributes: [.posixPermissions: 0o600])
        let controller = try makeController(directory)
        let error = await #expect(throws: DaemonError.self) { try await controller.unlock(keyFile: keyFile) }
        #expect(error?.code == .locked)
    }

    @Test func filesNeverContainThePassphraseOrMarkerText() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let controller = try makeController(directory)
        try await controller.unlock(passphrase: Self.passphrase)
        let store = try await controller.store()
        try await store.setMeta("test.marker", Self.marker)
        try await store.save(
            CachedMessage(id: "m1", conversationId: "c1", senderId: "u1", text: Self.marker, createdAt: Date()))
        try await controller.setPassphrase(old: Self.passphrase, new: Self.passphrase + " again")
        let dataDirectory = try directory.paths().dataDirectory
        let files = try FileManager.default.contentsOfDirectory(atPath: dataDirectory.path)
        #expect(files.contains("keystore"))
        #expect(files.contains("cache.sqlite"))
        for file in files {
            let bytes = try Data(contentsOf: dataDirectory.appendingPathComponent(file))
            for secret in [Self.passphrase, Self.marker] {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file) contains \(secret)")
            }
        }
        await controller.lock()
    }

    @Test func anOrphanedCacheIsMovedAsideOnCreation() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let controller = try makeController(directory)
        try await controller.unlock(passphrase: Self.passphrase)
        await controller.lock()
        try FileManager.default.removeItem(at: controller.keystoreURL)
        #expect(try await controller.unlock(passphrase: "fresh start"))
        let files = try FileManager.default.contentsOfDirectory(atPath: controller.dataDirectory.path)
        #expect(files.contains { $0.hasPrefix("cache.sqlite.orphaned-") })
    }
}
