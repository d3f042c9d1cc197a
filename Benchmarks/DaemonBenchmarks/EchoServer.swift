import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The floor for a local round trip: a thread that echoes each line back on a Unix socket, with
/// no parsing at all. Measured with the same client as the daemon.
final class EchoServer: @unchecked Sendable {
    let path: String
    private let listener: Int32

    init(path: String) throws {
        self.path = path
        unlink(path)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        listener = descriptor
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() where index < raw.count - 1 { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0, listen(descriptor, 8) == 0 else {
            throw LineSocket.Failure(description: "echo server cannot listen on \(path)")
        }
        let thread = Thread {
            let client = accept(descriptor, nil, nil)
            guard client >= 0 else { return }
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = recv(client, &chunk, chunk.count, 0)
                guard count > 0 else { break }
                var sent = 0
                while sent < count {
                    let written = chunk[sent..<count].withUnsafeBytes { send(client, $0.baseAddress, $0.count, 0) }
                    guard written > 0 else { break }
                    sent += written
                }
            }
            close(client)
        }
        thread.start()
    }

    func stop() {
        close(listener)
        unlink(path)
    }
}
