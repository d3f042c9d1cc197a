import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A socket made by hand with socket/bind/listen, as systemd would pass one.
final class ListeningSocket {
    private var fd: Int32

    init(path: String) throws {
        self.fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard self.fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(self.fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0, listen(self.fd, 16) == 0 else {
            let error = errno
            Glibc.close(self.fd)
            throw POSIXError(.init(rawValue: error) ?? .EIO)
        }
    }

    /// Hands the descriptor over; this object no longer closes it.
    func takeDescriptor() -> Int32 {
        defer { self.fd = -1 }
        return self.fd
    }

    func close() {
        if self.fd >= 0 {
            Glibc.close(self.fd)
            self.fd = -1
        }
    }

    deinit { self.close() }
}
