/// What the downscaler writes: JPEG for photographs, PNG for lossless sources and transparency.
enum EncodedFormat: Equatable, Sendable {
    case jpeg
    case png

    var mimeType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        }
    }
}
