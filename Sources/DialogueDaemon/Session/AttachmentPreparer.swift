import DialogueMedia
import Foundation

/// Turns a file a front end names into attachment bytes: images are downscaled (longest side at
/// most 1600 px) and re-encoded with libgd, which strips their metadata; anything else is refused.
enum AttachmentPreparer {
    struct Prepared: Sendable {
        var bytes: [UInt8]
        var mime: String
        var width: Int?
        var height: Int?
        var name: String?
    }

    static func prepare(path: String) async throws(DaemonError) -> Prepared {
        guard path.hasPrefix("/") else {
            throw DaemonError(.invalidInput, "attachmentPath must be an absolute path, found \"\(path)\"")
        }
        do {
            let image = try await ImageDownscaler.prepareInBackground(fileAt: path)
            return Prepared(
                bytes: image.data, mime: image.mimeType, width: image.width, height: image.height,
                name: URL(fileURLWithPath: path).lastPathComponent)
        } catch {
            throw DaemonError(.invalidInput, "\(URL(fileURLWithPath: path).lastPathComponent): \(error.message)")
        }
    }
}
