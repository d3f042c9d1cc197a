import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

extension RPCServer {
    /// Where the server listens and the limits it enforces.
    package struct Configuration: Sendable {
        package var listener: Listener
        /// The longest accepted line in bytes; longer ones get -32700 and are skipped.
        package var maximumLineLength: Int
        /// The only uid allowed to connect (checked with `SO_PEERCRED`); `nil` turns the check off.
        package var allowedPeerUID: UInt32?
        /// How many bytes of answers and notifications may wait for a slow client before it is dropped.
        package var maximumPendingOutboundBytes: Int

        /// - Parameters:
        ///   - listener: A path to bind or a descriptor to adopt.
        ///   - maximumLineLength: 16 MiB by default, as `spec/rpc.md` says.
        ///   - allowedPeerUID: The daemon's own uid by default.
        ///   - maximumPendingOutboundBytes: 64 MiB by default.
        package init(
            listener: Listener,
            maximumLineLength: Int = LineFrameDecoder.defaultMaximumLineLength,
            allowedPeerUID: UInt32? = getuid(),
            maximumPendingOutboundBytes: Int = 64 * 1024 * 1024
        ) {
            self.listener = listener
            self.maximumLineLength = maximumLineLength
            self.allowedPeerUID = allowedPeerUID
            self.maximumPendingOutboundBytes = maximumPendingOutboundBytes
        }
    }

    /// `$XDG_RUNTIME_DIR/dialogue/dialogued.sock`, the socket path when `--socket` is not given.
    ///
    /// - Parameter environment: The process environment by default; tests pass their own.
    /// - Throws: ``RPCServerError/runtimeDirectoryUnset`` when `XDG_RUNTIME_DIR` is unset, empty or relative
    ///   (the XDG spec says to ignore a relative value).
    package static func defaultSocketPath(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> String {
        guard var directory = environment["XDG_RUNTIME_DIR"], directory.hasPrefix("/") else {
            throw RPCServerError.runtimeDirectoryUnset
        }
        while directory.count > 1, directory.hasSuffix("/") { directory.removeLast() }
        return (directory == "/" ? "" : directory) + "/dialogue/dialogued.sock"
    }
}
