import CSystemd
import Foundation

/// A listening socket handed over by systemd socket activation (`LISTEN_FDS`).
public struct ListenedSocket: Equatable, Sendable {
    public var descriptor: Int32
    /// The `FileDescriptorName=` of the .socket unit (systemd's default is the unit name).
    public var name: String

    public init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    /// The Unix stream sockets passed to this process, if any; clears the environment so
    /// children do not inherit them.
    public static func takeFromEnvironment() -> [ListenedSocket] {
        var names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        let count = sd_listen_fds_with_names(1, &names)
        guard count > 0 else { return [] }
        defer {
            if let names {
                for index in 0..<Int(count) { free(names[index]) }
                free(names)
            }
        }
        var sockets: [ListenedSocket] = []
        for index in 0..<Int(count) {
            let descriptor = Int32(SD_LISTEN_FDS_START) + Int32(index)
            guard sd_is_socket_unix(descriptor, Int32(SOCK_STREAM.rawValue), 1, nil, 0) > 0 else { continue }
            let name = names?[index].map { String(cString: $0) } ?? "unknown"
            sockets.append(ListenedSocket(descriptor: descriptor, name: name))
        }
        return sockets
    }
}
