#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// File-system chores around a Unix socket path: its private directory, stale files and modes.
enum UnixSocketFile {
    /// `sizeof(sockaddr_un.sun_path)` on Linux, terminator included.
    static let maximumPathLength = 108

    /// Identifies one file, so the server only deletes the socket it created itself.
    struct Identity: Sendable, Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// Makes `path` ready for `bind(2)`.
    ///
    /// Creates the parent directory with mode 0700 when it is missing (the directory is what keeps
    /// other users from even reaching the socket), and removes a stale socket file left by a
    /// daemon that died. A socket someone still listens on is left alone: that is another daemon.
    ///
    /// - Throws: ``RPCServerError`` naming the problem.
    static func prepare(_ path: String) throws {
        guard path.utf8.count < Self.maximumPathLength else {
            throw RPCServerError.socketPathTooLong(path)
        }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            let directory = String(path[..<slash])
            var status = stat()
            if stat(directory, &status) != 0 {
                guard errno == ENOENT else { throw Self.failure("stat", directory) }
                guard mkdir(directory, 0o700) == 0 || errno == EEXIST else { throw Self.failure("mkdir", directory) }
                // mkdir's mode is filtered by the umask; say exactly what we mean.
                guard chmod(directory, 0o700) == 0 else { throw Self.failure("chmod", directory) }
            }
        }
        var status = stat()
        guard lstat(path, &status) == 0 else {
            guard errno == ENOENT else { throw Self.failure("lstat", path) }
            return
        }
        guard status.st_mode & S_IFMT == S_IFSOCK else {
            throw RPCServerError.notASocket(path)
        }
        if Self.hasListener(path) {
            throw RPCServerError.alreadyInUse(path)
        }
        guard unlink(path) == 0 || errno == ENOENT else { throw Self.failure("unlink", path) }
    }

    /// Sets the socket's mode to 0600 after `bind(2)` and returns its identity for later cleanup.
    static func restrict(_ path: String) throws -> Identity {
        guard chmod(path, 0o600) == 0 else { throw Self.failure("chmod", path) }
        var status = stat()
        guard lstat(path, &status) == 0 else { throw Self.failure("lstat", path) }
        return Identity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    /// Deletes the socket file if it is still the one this server created.
    static func remove(_ path: String, ifIdentity identity: Identity) {
        var status = stat()
        guard lstat(path, &status) == 0,
            Identity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino)) == identity
        else { return }
        unlink(path)
    }

    /// Whether a process accepts connections on `path` right now.
    static func hasListener(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return Self.withAddress(path) { address, length in connect(fd, address, length) == 0 } ?? false
    }

    /// Calls `body` with a `sockaddr_un` for `path`; `nil` when the path does not fit.
    static func withAddress<Result>(
        _ path: String,
        _ body: (UnsafePointer<sockaddr>, socklen_t) -> Result
    ) -> Result? {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: bytes)
            buffer[bytes.count] = 0
        }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                body($0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
    }

    private static func failure(_ call: String, _ path: String) -> RPCServerError {
        .systemCallFailed(call: call, path: path, errno: errno)
    }
}
