import Crypto
import Foundation
import Testing

@testable import DialogueCrypto

struct SafetyNumberTests {
    struct Vector: Decodable {
        let localKey, localID, remoteKey, remoteID, displayable: String
        let iterations: Int
    }
    struct File: Decodable { let safetyNumber: Vector }

    @Test("libsignal's published fingerprint vector (fingerprint.rs)")
    func libsignalVector() throws {
        let v = try loadVector("rfc-vectors", as: File.self).safetyNumber
        let number = SafetyNumber(
            localID: Array(v.localID.utf8), localKey: hex(v.localKey), remoteID: Array(v.remoteID.utf8),
            remoteKey: hex(v.remoteKey), iterations: v.iterations)
        #expect(number.digits == v.displayable)
        let swapped = SafetyNumber(
            localID: Array(v.remoteID.utf8), localKey: hex(v.remoteKey), remoteID: Array(v.localID.utf8),
            remoteKey: hex(v.localKey), iterations: v.iterations)
        #expect(swapped.digits == v.displayable)
    }

    @Test("Both sides see the same 60 digits; scanning matches; a changed key changes the number")
    func symmetric() throws {
        let alice = try TestUser("alice")
        let bob = try TestUser("bob")
        let a = SafetyNumber(
            local: alice.id, localKey: alice.account.publicKeyBytes, remote: bob.id,
            remoteKey: bob.account.publicKeyBytes)
        let b = SafetyNumber(
            local: bob.id, localKey: bob.account.publicKeyBytes, remote: alice.id,
            remoteKey: alice.account.publicKeyBytes)
        #expect(a.digits == b.digits)
        #expect(a.digits.count == 60)
        #expect(a.digits.allSatisfy { $0.isNumber })
        #expect(a.matches(scanned: b.scannable))
        #expect(!a.matches(scanned: a.scannable))
        let mallory = AccountIdentity()
        let forged = SafetyNumber(
            local: alice.id, localKey: alice.account.publicKeyBytes, remote: bob.id, remoteKey: mallory.publicKeyBytes)
        #expect(forged.digits != a.digits)
    }

    @Test("Adding a device does not change the safety number")
    func devicesDoNotMatter() throws {
        var bob = try TestUser("bob")
        let alice = try TestUser("alice")
        let before = SafetyNumber(
            local: alice.id, localKey: alice.account.publicKeyBytes, remote: bob.id,
            remoteKey: bob.account.publicKeyBytes)
        bob.devices.append(try DeviceKeys(user: bob.id, nowMs: testNow))
        let after = SafetyNumber(
            local: alice.id, localKey: alice.account.publicKeyBytes, remote: bob.id,
            remoteKey: bob.account.publicKeyBytes)
        #expect(before == after)
    }
}
