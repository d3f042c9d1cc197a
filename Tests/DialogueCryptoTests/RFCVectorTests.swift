import Crypto
import CryptoExtras
import Foundation
import Testing

@testable import DialogueCrypto

/// Published known-answer tests for every primitive DLG-E2EE builds on.
struct RFCVectorTests {
    struct Vectors: Decodable {
        struct ScalarMult: Decodable { let scalar, u, out: String }
        struct X25519Set: Decodable {
            let scalarMult: [ScalarMult]
            let alicePrivate, alicePublic, bobPrivate, bobPublic, shared, iterated1, iterated1000: String
            let lowOrder: [String]
        }
        struct Ed: Decodable { let publicKey, message, signature, secretKey: String }
        struct HKDFCase: Decodable {
            let ikm, salt, info, okm: String
            let length: Int
        }
        struct Chacha: Decodable { let key, nonce, aad, plaintext, ciphertext, tag: String }
        struct Scrypt: Decodable {
            let password, salt, derived: String
            let n, r, p, length: Int
        }
        struct HPKEEncryption: Decodable { let aad, ciphertext, plaintext: String }
        struct HPKEBase: Decodable {
            let info, skRm, pkRm, enc: String
            let encryptions: [HPKEEncryption]
        }
        struct HPKEPSK: Decodable {
            let info, skRm, enc, psk, pskID: String
            let encryptions: [HPKEEncryption]
        }
        let x25519: X25519Set
        let ed25519: [Ed]
        let hkdf: [HKDFCase]
        let chacha20poly1305: Chacha
        let scrypt: [Scrypt]
        let hpkeBase: HPKEBase
        let hpkePSK: HPKEPSK
    }

    let vectors: Vectors

    init() throws { vectors = try loadVector("rfc-vectors", as: Vectors.self) }

    private func x25519(_ scalar: [UInt8], _ u: [UInt8]) throws -> [UInt8] {
        let key = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: scalar)
        let shared = try key.sharedSecretFromKeyAgreement(with: .init(rawRepresentation: u))
        return shared.withUnsafeBytes { Array($0) }
    }

    @Test("RFC 7748 §5.2 scalar multiplication")
    func rfc7748ScalarMult() throws {
        for item in vectors.x25519.scalarMult {
            #expect(try x25519(hex(item.scalar), hex(item.u)) == hex(item.out))
        }
    }

    @Test("RFC 7748 §5.2 iterated scalar multiplication (1 and 1000 rounds)")
    func rfc7748Iterated() throws {
        var k = [UInt8](repeating: 0, count: 32)
        k[0] = 9
        var u = k
        for round in 1...1000 {
            let result = try x25519(k, u)
            u = k
            k = result
            if round == 1 { #expect(k == hex(vectors.x25519.iterated1)) }
        }
        #expect(k == hex(vectors.x25519.iterated1000))
    }

    @Test("RFC 7748 §6.1 Diffie-Hellman")
    func rfc7748DH() throws {
        let v = vectors.x25519
        let alice = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: hex(v.alicePrivate))
        let bob = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: hex(v.bobPrivate))
        #expect(Array(alice.publicKey.rawRepresentation) == hex(v.alicePublic))
        #expect(Array(bob.publicKey.rawRepresentation) == hex(v.bobPublic))
        #expect(try x25519(hex(v.alicePrivate), hex(v.bobPublic)) == hex(v.shared))
        #expect(try x25519(hex(v.bobPrivate), hex(v.alicePublic)) == hex(v.shared))
        // The validated path accepts these honest keys.
        _ = try X25519.validatedPublicKey(hex(v.alicePublic))
    }

    @Test("Every Wycheproof zero-shared-secret point is refused as low order")
    func lowOrderPointsRefused() {
        #expect(vectors.x25519.lowOrder.count >= 10)
        for point in vectors.x25519.lowOrder {
            expectCode(.lowOrderPoint) { try X25519.validatedPublicKey(hex(point)) }
        }
    }

    @Test("RFC 8032 §7.1 Ed25519: derived public keys and signatures verify; a flipped bit does not")
    func rfc8032() throws {
        for item in vectors.ed25519 {
            let key = try Curve25519.Signing.PrivateKey(rawRepresentation: hex(item.secretKey))
            #expect(Array(key.publicKey.rawRepresentation) == hex(item.publicKey))
            let publicKey = try Curve25519.Signing.PublicKey(rawRepresentation: hex(item.publicKey))
            #expect(publicKey.isValidSignature(hex(item.signature), for: hex(item.message)))
            var bad = hex(item.signature)
            bad[0] ^= 1
            #expect(!publicKey.isValidSignature(bad, for: hex(item.message)))
        }
    }

    @Test("RFC 5869 Appendix A.1–A.3 HKDF-SHA256")
    func rfc5869() {
        #expect(vectors.hkdf.count == 3)
        for item in vectors.hkdf {
            let okm = KeyDerivation.hkdf(hex(item.ikm), salt: hex(item.salt), info: hex(item.info), count: item.length)
            #expect(okm.bytes == hex(item.okm))
        }
    }

    @Test("RFC 8439 §2.8.2 ChaCha20-Poly1305 AEAD")
    func rfc8439() throws {
        let v = vectors.chacha20poly1305
        let key = SymmetricKey(data: hex(v.key))
        let box = try ChaChaPoly.seal(
            hex(v.plaintext), using: key, nonce: ChaChaPoly.Nonce(data: hex(v.nonce)), authenticating: hex(v.aad))
        #expect(Array(box.ciphertext) == hex(v.ciphertext))
        #expect(Array(box.tag) == hex(v.tag))
        #expect(Array(try ChaChaPoly.open(box, using: key, authenticating: hex(v.aad))) == hex(v.plaintext))
    }

    @Test("RFC 7914 §12 scrypt test cases 1–3")
    func rfc7914() throws {
        for item in vectors.scrypt {
            let key = try KDF.Scrypt.deriveKey(
                from: hex(item.password), salt: hex(item.salt), outputByteCount: item.length, rounds: item.n,
                blockSize: item.r, parallelism: item.p)
            #expect(key.bytes == hex(item.derived))
        }
    }

    @Test("RFC 9180 A.2 base mode (X25519, HKDF-SHA256, ChaCha20-Poly1305), recipient side")
    func rfc9180Base() throws {
        let v = vectors.hpkeBase
        let key = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: hex(v.skRm))
        #expect(Array(key.publicKey.rawRepresentation) == hex(v.pkRm))
        var recipient = try HPKE.Recipient(
            privateKey: key, ciphersuite: HPKESeal.suite, info: Data(hex(v.info)), encapsulatedKey: Data(hex(v.enc)))
        for item in v.encryptions {
            #expect(
                Array(try recipient.open(hex(item.ciphertext), authenticating: hex(item.aad))) == hex(item.plaintext))
        }
    }

    @Test("RFC 9180 A.2 PSK mode, recipient side")
    func rfc9180PSK() throws {
        let v = vectors.hpkePSK
        let key = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: hex(v.skRm))
        var recipient = try HPKE.Recipient(
            privateKey: key, ciphersuite: HPKESeal.suite, info: Data(hex(v.info)), encapsulatedKey: Data(hex(v.enc)),
            presharedKey: SymmetricKey(data: hex(v.psk)), presharedKeyIdentifier: Data(hex(v.pskID)))
        let item = try #require(v.encryptions.first)
        #expect(Array(try recipient.open(hex(item.ciphertext), authenticating: hex(item.aad))) == hex(item.plaintext))
    }

    @Test("HPKE refuses a small-order enc before opening")
    func hpkeLowOrderEnc() {
        let key = Curve25519.KeyAgreement.PrivateKey()
        for point in vectors.x25519.lowOrder.prefix(4) {
            expectCode(.lowOrderPoint) {
                try HPKESeal.open(enc: hex(point), ciphertext: [UInt8](repeating: 0, count: 48), with: key, info: [])
            }
        }
    }
}
