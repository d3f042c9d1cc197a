import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Who is on the other end of a Unix socket, as the kernel saw it at `connect(2)`.
///
/// Read with `SO_PEERCRED`, so it cannot be forged by the client, unlike anything it sends.
package struct PeerCredentials: Sendable, Hashable {
    package var pid: Int32
    package var uid: UInt32
    package var gid: UInt32

    package init(pid: Int32, uid: UInt32, gid: UInt32) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }

    /// Reads the peer's credentials from an accepted Unix domain socket channel.
    ///
    /// - Throws: ``RPCServerError/peerCredentialsUnavailable`` when the channel is not a socket or the
    ///   platform has no `SO_PEERCRED`.
    package static func read(from channel: any Channel) async throws -> PeerCredentials {
        #if os(Linux)
            guard let provider = channel as? any SocketOptionProvider else {
                throw RPCServerError.peerCredentialsUnavailable
            }
            let ucred: LinuxUcred = try await provider.unsafeGetSocketOption(
                level: SocketOptionLevel(SOL_SOCKET),
                name: SocketOptionName(SO_PEERCRED)
            ).get()
            return PeerCredentials(pid: ucred.pid, uid: ucred.uid, gid: ucred.gid)
        #else
            throw RPCServerError.peerCredentialsUnavailable
        #endif
    }
}

/// Linux's `struct ucred { pid_t pid; uid_t uid; gid_t gid; }`, which Glibc's module does not export
/// (it sits behind `_GNU_SOURCE`). Three 4-byte fields in declaration order: the same layout as the C struct.
private struct LinuxUcred: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}
