/// Why the RPC server could not start or accept a peer, each with a message that says what to do.
package enum RPCServerError: Error, Sendable, Hashable {
    /// `XDG_RUNTIME_DIR` is unset, empty or relative, so there is no default socket path.
    case runtimeDirectoryUnset
    /// The socket path does not fit in `sun_path` (107 bytes plus the terminator).
    case socketPathTooLong(String)
    /// Something that is not a socket sits at the socket path; it is not ours to delete.
    case notASocket(String)
    /// Another process is listening on the socket path (probably another `dialogued`).
    case alreadyInUse(String)
    /// A file-system call failed while preparing the socket.
    case systemCallFailed(call: String, path: String, errno: Int32)
    /// `SO_PEERCRED` could not be read on an accepted connection.
    case peerCredentialsUnavailable
}

extension RPCServerError: CustomStringConvertible {
    package var description: String {
        switch self {
        case .runtimeDirectoryUnset:
            return "XDG_RUNTIME_DIR is not set to an absolute path: set it or pass --socket PATH"
        case .socketPathTooLong(let path):
            return "The socket path \(path) is longer than the 107 bytes a Unix socket allows: choose a shorter one"
        case .notASocket(let path):
            return "\(path) exists and is not a socket: remove it or choose another --socket path"
        case .alreadyInUse(let path):
            return "Another process is already listening on \(path): stop it or choose another --socket path"
        case .systemCallFailed(let call, let path, let errno):
            return "\(call)(\(path)) failed with errno \(errno)"
        case .peerCredentialsUnavailable:
            return "Could not read the peer's credentials (SO_PEERCRED)"
        }
    }
}
