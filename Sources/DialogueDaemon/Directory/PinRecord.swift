import DialogueCrypto
import Foundation

/// The persisted form of one identity pin (``IdentityPins/Pin``).
struct PinRecord: Codable, Sendable {
    var accountKey: Data
    var verified: Bool
    var needsReverification: Bool
    var deviceListVersion: UInt64
    var deviceListHash: Data

    static let metaKey = "pins"

    init(_ pin: IdentityPins.Pin) {
        accountKey = Data(pin.accountKey)
        verified = pin.verified
        needsReverification = pin.needsReverification
        deviceListVersion = pin.deviceListVersion
        deviceListHash = Data(pin.deviceListHash)
    }

    var pin: IdentityPins.Pin {
        IdentityPins.Pin(
            accountKey: Array(accountKey), verified: verified, needsReverification: needsReverification,
            deviceListVersion: deviceListVersion, deviceListHash: Array(deviceListHash))
    }
}
