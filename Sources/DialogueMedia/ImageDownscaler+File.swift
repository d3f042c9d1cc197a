#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ImageDownscaler {
    /// The whole file, refusing non-regular files and anything over ``maximumFileSize`` before
    /// reading (and again while reading, in case the file grows meanwhile).
    static func readFile(at path: String) throws(MediaError) -> [UInt8] {
        // O_NONBLOCK so a FIFO named as an attachment cannot hang the open.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw unreadable(errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw unreadable(errno) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw MediaError(.unreadable, "it is not a regular file")
        }
        guard status.st_size <= maximumFileSize else { throw fileTooLarge }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size) + 1)
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { raw in
                read(descriptor, raw.baseAddress! + filled, raw.count - filled)
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw unreadable(errno) }
            if count == 0 { break }
            filled += count
            if filled > maximumFileSize { throw fileTooLarge }
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: 64 * 1024)) }
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    private static func unreadable(_ code: Int32) -> MediaError {
        MediaError(.unreadable, "the file could not be read: \(String(cString: strerror(code)))")
    }
}
