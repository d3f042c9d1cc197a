/// A message's image: what the sender declared, and `path` once the decrypted copy is in the
/// runtime directory (it is fetched in the background; a later view carries it).
package struct AttachmentView: Codable, Sendable, Equatable {
    package var size: Int
    package var mime: String?
    package var width: Int?
    package var height: Int?
    package var name: String?
    package var path: String?

    package init(
        size: Int, mime: String? = nil, width: Int? = nil, height: Int? = nil, name: String? = nil, path: String? = nil
    ) {
        self.size = size
        self.mime = mime
        self.width = width
        self.height = height
        self.name = name
        self.path = path
    }
}
