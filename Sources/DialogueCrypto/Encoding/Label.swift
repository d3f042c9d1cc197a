/// A domain-separation label `L(s) = vec(ASCII("dialogue/v1/" + s))`.
///
/// Every signature context, KDF info, HPKE info and AEAD associated data starts with its own label,
/// so bytes produced for one purpose can never be accepted for another (the Threema and Matrix
/// protocol-confusion attacks). All labels live here so a reviewer sees the full set at once.
package struct Label: Hashable, Sendable {
    /// The part after `dialogue/v1/`.
    package let purpose: String
    /// `u32(len) ‖ "dialogue/v1/" ‖ purpose`.
    package let encoded: [UInt8]

    package init(_ purpose: String) {
        self.purpose = purpose
        let text = Array("dialogue/v1/\(purpose)".utf8)
        var writer = ByteWriter(capacity: text.count + 4)
        writer.vec(text)
        encoded = writer.bytes
    }

    package static let deviceID = Label("device-id")
    package static let sealKeyID = Label("seal-key-id")
    package static let signDeviceList = Label("sig/device-list")
    package static let signSealKey = Label("sig/seal-key")
    package static let signGroupOp = Label("sig/group-op")
    package static let signEvent = Label("sig/event")
    package static let opHash = Label("op-hash")
    package static let roster = Label("roster")
    package static let epochEnvelope = Label("epoch-envelope")
    package static let historyShare = Label("history-share")
    package static let metaKey = Label("meta-key")
    package static let metaAD = Label("meta-ad")
    package static let eventKey = Label("event-key")
    package static let eventAD = Label("event-ad")
    package static let attachment = Label("attachment")
    package static let linkCommit = Label("link-commit")
    package static let linkBundle = Label("link-bundle")
    package static let storeEncryption = Label("store/enc")
    package static let storeIndex = Label("store/idx")
    package static let storeRow = Label("store/row")
    package static let storeRawKEK = Label("store/raw-kek")

    /// The HPKE PSK identifier for link bundles (raw ASCII, as the notes specify).
    package static let linkPSKIdentifier = Array("dialogue/v1/link".utf8)
}
