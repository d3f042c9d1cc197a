/// `daemon.setPassphrase`: Re-encrypt the key store under a new passphrase.
package struct DaemonSetPassphraseRequest: LocalRequest {
    package typealias Response = EmptyResult
    package static let method = "daemon.setPassphrase"
    package static let summary = "Re-encrypt the key store under a new passphrase."

    package var old: String
    package var `new`: String

    package init(old: String, new: String) {
        self.old = old
        self.new = `new`
    }
}
