/// Why an attachment image was refused; each ``Code`` is stable (it appears in logs and RPC errors),
/// and messages never contain the file's path or contents.
package struct MediaError: Error, Equatable, Sendable, CustomStringConvertible {
    package enum Code: String, Sendable {
        /// The file could not be opened or read, or is not a regular file.
        case unreadable
        /// The file is larger than ``ImageDownscaler/maximumFileSize``.
        case fileTooLarge
        /// The bytes are not JPEG, PNG, GIF or WebP.
        case notAnImage
        /// A recognised format in a variant this build does not handle (an animated WebP).
        case unsupported
        /// The file ends before its structure does.
        case truncated
        /// The structure is invalid (bad markers, impossible sizes).
        case malformed
        /// The declared dimensions exceed ``ImageDownscaler/maximumPixels``: refused before decoding.
        case tooManyPixels
        /// The image library refused to decode the pixel data.
        case undecodable
        /// Re-encoding failed (out of memory, most likely).
        case encodingFailed
    }

    package var code: Code
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { "\(code.rawValue): \(message)" }
}
