import Crypto
import DialogueTestSupport
import Foundation
import Testing

@testable import DialogueCrypto

/// Checks against independent implementations: OpenSSL's `enc` for the legacy format and
/// pyca/cryptography's HPKE for our sealing.
struct InteropTests {
    struct LegacyVector: Decodable { let passphrase, salt, key, iv, plaintext, ciphertext: String }
    struct File: Decodable { let legacy: LegacyVector }

    @Test("Frozen crypto-js/OpenSSL legacy vector: key derivation and decryption")
    func frozenLegacyVector() throws {
        let v = try loadVector("rfc-vectors", as: File.self).legacy
        let (key, iv) = LegacyDecryptor.deriveKeyAndIV(passphrase: Array(v.passphrase.utf8), salt: hex(v.salt))
        #expect(key == hex(v.key))
        #expect(iv == hex(v.iv))
        #expect(try LegacyDecryptor.decrypt(v.ciphertext, passphrase: v.passphrase) == v.plaintext)
        // The original key rule for a direct chat reproduces the passphrase from the two ids.
        #expect(
            LegacyDecryptor.directPassphrase("64b7f0c1a2e3d4f5a6b7c8da", "64b7f0c1a2e3d4f5a6b7c8d9") == v.passphrase)
        expectCode(.legacyFormat) { try LegacyDecryptor.decrypt(v.ciphertext, passphrase: "wrong") }
        expectCode(.legacyFormat) { try LegacyDecryptor.decrypt("not base64!", passphrase: v.passphrase) }
        expectCode(.legacyFormat) {
            try LegacyDecryptor.decrypt(String(v.ciphertext.dropLast(4)), passphrase: v.passphrase)
        }
    }

    @Test(
        "openssl enc -aes-256-cbc -md md5 output decrypts (lengths 0, 15, 16, 17, multibyte UTF-8, random)",
        .enabled(if: ExternalTool.hasOpenSSL, "/usr/bin/openssl is not installed")
    )
    func opensslInterop() throws {
        var rng = SeededGenerator(seed: 42)
        var plaintexts = [
            "", String(repeating: "a", count: 15), String(repeating: "b", count: 16),
            String(repeating: "c", count: 17), "héllo wörld — 👋 привет", "日本語のテキスト",
        ]
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789 éü€👍")
        for _ in 0..<24 {
            let length = Int.random(in: 0..<80, using: &rng)
            plaintexts.append(
                String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }))
        }
        for (index, plaintext) in plaintexts.enumerated() {
            let passphrase =
                index % 2 == 0
                ? LegacyDecryptor.directPassphrase("64b7f0c1a2e3d4f5a6b7c8d9", "64b7f0c1a2e3d4f5a6b7c8da")
                : LegacyDecryptor.groupPassphrase("65aa00bb11cc22dd33ee44ff")
            let ciphertext = try ExternalTool.run(
                ExternalTool.opensslPath, ["enc", "-aes-256-cbc", "-md", "md5", "-pass", "env:DLG_PASS", "-a", "-A"],
                environment: ["DLG_PASS": passphrase], stdin: Array(plaintext.utf8))
            #expect(ciphertext.hasPrefix("U2FsdGVkX1"))
            #expect(try LegacyDecryptor.decrypt(ciphertext, passphrase: passphrase) == plaintext)
        }
    }

    @Test(
        "pyca/cryptography HPKE (base mode, X25519/HKDF-SHA256/ChaCha20-Poly1305) ciphertexts open",
        .enabled(
            if: ExternalTool.hasPythonHPKE,
            "python3 with cryptography>=47 is absent; install with: python3 -m pip install 'cryptography>=48'")
    )
    func pythonHPKEInterop() throws {
        // Plain single-shot HPKE.
        let key = Curve25519.KeyAgreement.PrivateKey()
        let info = Array("dialogue interop".utf8)
        let message = Array("sealed by pyca/cryptography".utf8)
        let output = hex(
            try ExternalTool.run(
                "/usr/bin/env",
                [
                    "python3", "-c", ExternalTool.pythonHPKE, Hex.encode(key.publicKey.rawRepresentation),
                    Hex.encode(info),
                    Hex.encode(message),
                ]))
        let opened = try HPKESeal.open(
            enc: Array(output.prefix(32)), ciphertext: Array(output.dropFirst(32)), with: key, info: info)
        #expect(opened == message)

        // An epoch envelope for a real device, sealed by Python with our info string, opens in our code.
        let bob = try TestUser("bob")
        let conversation = ConversationID.random()
        let author = try TestUser("alice").device.deviceID
        let roster = [UInt8](repeating: 3, count: 32)
        let envelopeInfo = EpochEnvelope.info(
            purpose: .epochEnvelope, conversation: conversation, seq: 4, author: author, recipient: bob.device.deviceID,
            sealKeyID: bob.device.sealKeyID, rosterHash: roster)
        let secret = [UInt8](repeating: 0x5a, count: 32)
        let sealed = hex(
            try ExternalTool.run(
                "/usr/bin/env",
                [
                    "python3", "-c", ExternalTool.pythonHPKE,
                    Hex.encode(bob.device.sealKey.publicKey.rawRepresentation),
                    Hex.encode(envelopeInfo), Hex.encode(secret),
                ]))
        let envelope = EpochEnvelope(
            recipient: bob.device.deviceID, sealKeyID: bob.device.sealKeyID, enc: Array(sealed.prefix(32)),
            ciphertext: Array(sealed.dropFirst(32)))
        #expect(try envelope.open(with: bob.device, info: envelopeInfo) == secret)
        // The same envelope under another roster hash does not open (info binding).
        let otherInfo = EpochEnvelope.info(
            purpose: .epochEnvelope, conversation: conversation, seq: 4, author: author, recipient: bob.device.deviceID,
            sealKeyID: bob.device.sealKeyID, rosterHash: [UInt8](repeating: 4, count: 32))
        expectCode(.decryptionFailed) { try envelope.open(with: bob.device, info: otherInfo) }
    }
}
