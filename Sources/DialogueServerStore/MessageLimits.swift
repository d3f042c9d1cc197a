/// The message rules that depend on configuration, passed to the store with each write.
package struct MessageLimits: Sendable {
    /// Largest accepted envelope (ciphertext plus header and signature).
    package var maxEnvelopeBytes: Int
    /// How long after the server received a message its sender may still edit it.
    package var editWindowSeconds: Double
    /// Most blobs one message may reference.
    package var maxBlobsPerMessage: Int

    package init(maxEnvelopeBytes: Int = 64 * 1024, editWindowSeconds: Double = 15 * 60, maxBlobsPerMessage: Int = 10) {
        self.maxEnvelopeBytes = maxEnvelopeBytes
        self.editWindowSeconds = editWindowSeconds
        self.maxBlobsPerMessage = maxBlobsPerMessage
    }
}
