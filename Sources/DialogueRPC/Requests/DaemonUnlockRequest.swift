/// `daemon.unlock`: Unlock the key store; on a fresh data directory, create it under this passphrase.
package struct DaemonUnlockRequest: LocalRequest {
    package typealias Response = UnlockResult
    package static let method = "daemon.unlock"
    package static let summary = "Unlock the key store; on a fresh data directory, create it under this passphrase."

    package var passphrase: String

    package init(passphrase: String) {
        self.passphrase = passphrase
    }
}
