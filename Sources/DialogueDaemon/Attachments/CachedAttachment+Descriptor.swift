import DialogueCrypto
import DialogueStore
import Foundation

extension CachedAttachment {
    init(descriptor: AttachmentDescriptor) {
        self.init(
            blobId: descriptor.blobID, key: Data(descriptor.key), sha256: Data(descriptor.sha256),
            length: descriptor.length, mime: descriptor.mime, width: descriptor.width, height: descriptor.height,
            name: descriptor.name)
    }

    var descriptor: AttachmentDescriptor {
        AttachmentDescriptor(
            blobID: blobId, key: Array(key), sha256: Array(sha256), length: length, mime: mime, width: width,
            height: height, name: name)
    }
}
