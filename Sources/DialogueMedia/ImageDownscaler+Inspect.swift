extension ImageDownscaler {
    /// The MIME type of an image someone else already prepared (a public profile picture), after the
    /// same header checks ``prepare(bytes:maxSide:)`` makes, without decoding it: bytes from the
    /// network become a file front ends open, so anything that is not a sane image is refused.
    package static func inspect(_ bytes: [UInt8]) throws(MediaError) -> (mimeType: String, width: Int, height: Int) {
        guard bytes.count <= maximumFileSize else { throw fileTooLarge }
        let header = try ImageHeader.read(bytes, maximumPixels: maximumPixels)
        return (header.format.mimeType, header.width, header.height)
    }
}
