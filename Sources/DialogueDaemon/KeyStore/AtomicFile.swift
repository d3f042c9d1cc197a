import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Replaces a small file so that a crash leaves either the old or the new content, never a mix:
/// write a private temporary file in the same directory, `fsync` it, `rename` it over the target,
/// then `fsync` the directory so the rename itself is durable.
package enum AtomicFile {
    /// Replaces `url` with `bytes` atomically with permissions `mode` (set at creation, so the content is
    /// never readable by others even for an instant).
    /// - Throws: ``DaemonError`` with ``DaemonError/Code/failed`` naming the failing step.
    package static func replace(_ url: URL, with bytes: [UInt8], mode: mode_t = 0o600) throws(DaemonError) {
        let directory = url.deletingLastPathComponent().path
        let temporary =
            directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure("create", temporary) }
        var written = 0
        let ok = bytes.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count {
                let result = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += result
            }
            return true
        }
        guard ok, fchmod(descriptor, mode) == 0, fsync(descriptor) == 0 else {
            let error = failure("write", temporary)
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, url.path) == 0 else {
            let error = failure("rename", url.path)
            unlink(temporary)
            throw error
        }
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    private static func failure(_ step: String, _ path: String) -> DaemonError {
        DaemonError(.failed, "Could not \(step) \(path): \(String(cString: strerror(errno)))")
    }
}
