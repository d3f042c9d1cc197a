import DialogueTestSupport
import Foundation

/// HAProxy from Debian in front of test instances, configured by `packaging/haproxy/
/// dialogue-server.cfg` itself with only its bind address and server lines replaced.
final class Balancer: ServerEndpoint {
    let port: Int
    private let process: ChildProcess
    private let directory: URL

    /// The sample configuration as shipped.
    static var sample: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("packaging/haproxy/dialogue-server.cfg")
    }

    /// Starts HAProxy on a free port and returns once every instance passes its health check.
    init(instances: [Int]) async throws {
        directory = URL(fileURLWithPath: try TemporaryDirectory.create(prefix: "lb"), isDirectory: true)
        let text = try String(contentsOf: Self.sample, encoding: .utf8)
        port = try Self.freePort()
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.contains("bind 127.0.0.1:8080") {
                lines.append(line.replacingOccurrences(of: "127.0.0.1:8080", with: "127.0.0.1:\(port)"))
            } else if line.trimmingCharacters(in: .whitespaces).hasPrefix("server dialogue") {
                continue
            } else {
                lines.append(String(line))
            }
        }
        lines += instances.enumerated().map { "    server dialogue\($0.offset + 1) 127.0.0.1:\($0.element) check" }
        let configuration = directory.appendingPathComponent("haproxy.cfg")
        try lines.joined(separator: "\n").appending("\n").write(to: configuration, atomically: true, encoding: .utf8)
        let log = directory.appendingPathComponent("haproxy.log").path
        process = try ChildProcess("haproxy", ["-db", "-f", configuration.path], stdout: log, stderr: log)
        try await waitUntilServing()
    }

    private func waitUntilServing() async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if let reply = try? await api().get("/api/health"), reply.status == .ok { return }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let log = (try? String(contentsOf: directory.appendingPathComponent("haproxy.log"), encoding: .utf8)) ?? ""
        stop()
        throw ChildProcess.Failure(description: "HAProxy did not start serving: \(log)")
    }

    func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A port nothing listens on now (the kernel's pick for a socket closed at once).
    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { throw ChildProcess.Failure(description: "cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
