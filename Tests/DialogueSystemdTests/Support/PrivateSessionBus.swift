import DialogueTestSupport
import Foundation

/// A private `dbus-daemon` for one test, listening on a socket in a fresh temporary directory
/// with session-bus policy and no activatable services. ``stop()`` kills it and removes the
/// directory; the process's deinit kills it on every other path.
final class PrivateSessionBus: @unchecked Sendable {
    struct Failure: Error {}

    let directory: URL
    /// The address the daemon printed once it was listening.
    let address: String
    private let process: ChildProcess

    init() async throws {
        directory = URL(fileURLWithPath: try TemporaryDirectory.create(prefix: "dn"), isDirectory: true)
        let configuration = directory.appendingPathComponent("bus.conf")
        try Self.configuration(socket: directory.appendingPathComponent("bus").path)
            .write(to: configuration, atomically: true, encoding: .utf8)
        do {
            let output = directory.appendingPathComponent("address").path
            process = try ChildProcess(
                "dbus-daemon", ["--config-file=\(configuration.path)", "--nofork", "--print-address"], stdout: output)
            guard let line = try await process.waitForOutput(matching: "[^\n]+\n", in: output, timeout: .seconds(20))
            else { throw Failure() }
            address = String(line.dropLast())
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    func stop() async {
        process.signal(SIGTERM)
        _ = try? await process.waitForExit(timeout: .seconds(10))
        try? FileManager.default.removeItem(at: directory)
    }

    private static func configuration(socket: String) -> String {
        """
        <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
         "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <busconfig>
          <type>session</type>
          <listen>unix:path=\(socket)</listen>
          <auth>EXTERNAL</auth>
          <policy context="default">
            <allow send_destination="*" eavesdrop="true"/>
            <allow eavesdrop="true"/>
            <allow own="*"/>
          </policy>
        </busconfig>
        """
    }
}
