import Crypto
import DialogueTestSupport
import Foundation
import Testing

@testable import DialogueCrypto

struct StoreCipherTests {
    /// Cheap scrypt parameters (the minimum the parser accepts) so tests stay fast.
    private func fastSource() -> StoreKeyFile.Source {
        .passphrase(salt: SecureRandom.bytes(16), log2N: 10, blockSize: 8, parallelism: 1)
    }

    @Test("Passphrase-wrapped store key: right passphrase unlocks, wrong one and tampering do not")
    func passphraseWrap() throws {
        let (file, cipher) = try StoreKeyFile.create(source: fastSource(), secret: Array("correct horse".utf8))
        let unlocked = try StoreKeyFile.unlock(file, secret: Array("correct horse".utf8))
        let cell = try cipher.table("messages").seal(Array("hello".utf8), column: "body", row: [1])
        #expect(try unlocked.table("messages").open(cell, column: "body", row: [1]) == Array("hello".utf8))
        expectCode(.wrongPassphrase) { try StoreKeyFile.unlock(file, secret: Array("wrong".utf8)) }
        var tampered = file
        tampered[8] ^= 1  // inside the salt: the AD binds the parameters
        expectCode(.wrongPassphrase) { try StoreKeyFile.unlock(tampered, secret: Array("correct horse".utf8)) }
        expectCode(.truncated) { try StoreKeyFile.unlock(Array(file.dropLast()), secret: Array("correct horse".utf8)) }
        expectCode(.trailingBytes) { try StoreKeyFile.unlock(file + [0], secret: Array("correct horse".utf8)) }
        // Re-wrapping under a new passphrase keeps the same master key.
        let master = SymmetricKey(size: .bits256)
        let rewrapped = try StoreKeyFile.wrap(master, source: fastSource(), secret: Array("new".utf8))
        _ = try StoreKeyFile.unlock(rewrapped, secret: Array("new".utf8))
    }

    @Test("A passphrase change re-wraps the same master key; the old passphrase stops working")
    func rewrapKeepsTheMasterKey() throws {
        let (file, cipher) = try StoreKeyFile.create(source: fastSource(), secret: Array("old".utf8))
        let cell = try cipher.table("messages").seal(Array("kept".utf8), column: "body", row: [7])
        expectCode(.wrongPassphrase) {
            try StoreKeyFile.rewrap(file, oldSecret: Array("guess".utf8), newSource: fastSource(), newSecret: [2])
        }
        let rewrapped = try StoreKeyFile.rewrap(
            file,
            oldSecret: Array("old".utf8),
            newSource: fastSource(),
            newSecret: Array("new".utf8)
        )
        let reopened = try StoreKeyFile.unlock(rewrapped, secret: Array("new".utf8))
        #expect(try reopened.table("messages").open(cell, column: "body", row: [7]) == Array("kept".utf8))
        expectCode(.wrongPassphrase) { try StoreKeyFile.unlock(rewrapped, secret: Array("old".utf8)) }
    }

    @Test("Out-of-range scrypt parameters are refused before deriving")
    func scryptLimits() throws {
        var file = try StoreKeyFile.create(source: fastSource(), secret: [1]).file
        file[7 + 16] = 30  // log2N byte
        expectCode(.lengthTooLarge) { try StoreKeyFile.unlock(file, secret: [1]) }
    }

    @Test("Raw key file: 0600 accepted, group/world-readable refused")
    func rawKeyFile() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.url
        let path = directory.appendingPathComponent("store.key").path
        let raw = SecureRandom.bytes(32)
        #expect(
            FileManager.default.createFile(atPath: path, contents: Data(raw), attributes: [.posixPermissions: 0o600]))
        #expect(try StoreKeyFile.readRawKeyFile(atPath: path) == raw)
        let (file, cipher) = try StoreKeyFile.create(source: .rawKey, secret: raw)
        let unlocked = try StoreKeyFile.unlock(file, secret: raw)
        let cell = try cipher.table("t").seal([1, 2], column: "c", row: [])
        #expect(try unlocked.table("t").open(cell, column: "c", row: []) == [1, 2])
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        expectCode(.insecureKeyFile) { try StoreKeyFile.readRawKeyFile(atPath: path) }
    }

    @Test("Cells are bound to table, column and row; blind indexes are per table and exact")
    func cellBinding() throws {
        let cipher = StoreCipher(masterKey: SymmetricKey(size: .bits256))
        let messages = cipher.table("messages")
        let cell = try messages.seal(Array("secret".utf8), column: "body", row: Array("r1".utf8))
        #expect(cell.count == 1 + 12 + 6 + 16)
        expectCode(.decryptionFailed) { try messages.open(cell, column: "body", row: Array("r2".utf8)) }
        expectCode(.decryptionFailed) { try messages.open(cell, column: "title", row: Array("r1".utf8)) }
        expectCode(.decryptionFailed) { try cipher.table("contacts").open(cell, column: "body", row: Array("r1".utf8)) }
        var wrongVersion = cell
        wrongVersion[0] = 2
        expectCode(.unknownVersion) { try messages.open(wrongVersion, column: "body", row: Array("r1".utf8)) }
        expectCode(.truncated) { try messages.open([1, 2, 3], column: "body", row: []) }
        let index = messages.blindIndex(Array("bob".utf8), column: "user")
        #expect(index.count == 16)
        #expect(index == cipher.table("messages").blindIndex(Array("bob".utf8), column: "user"))
        #expect(index != messages.blindIndex(Array("bob2".utf8), column: "user"))
        #expect(index != cipher.table("contacts").blindIndex(Array("bob".utf8), column: "user"))
        #expect(index != messages.blindIndex(Array("bob".utf8), column: "name"))
    }
}
