import Foundation

/// Where a session keeps attachment files: ciphertext in the data directory, decrypted copies only
/// in the runtime directory (a per-user tmpfs under systemd), both private to the user.
package struct SessionFiles: Sendable {
    /// Encrypted blobs as the server stores them (`$XDG_DATA_HOME/dialogue/blobs`).
    package var blobs: URL
    /// Decrypted attachments opened by front ends (`$XDG_RUNTIME_DIR/dialogue/attachments`).
    package var decrypted: URL

    package init(blobs: URL, decrypted: URL) {
        self.blobs = blobs
        self.decrypted = decrypted
    }
}
