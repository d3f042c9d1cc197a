import Foundation

/// A private `dbus-daemon` for one test, listening on a socket in a fresh temporary directory
/// with session-bus policy and no activatable services. ``stop()`` kills it and removes the
/// directory; the process's deinit kills it on every other path.
final class PrivateSessionBus: @unchecked Sendable {
    struct Failure: Error {}

    let directory: URL
    /// The address the daemon printed once it was listening.
    let address: String
    private let process: SpawnedProcess

    init() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dn-" + UUID().uuidString.prefix(8).lowercased(), isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let configuration = directory.appendingPathComponent("bus.conf")
        try Self.configuration(socket: directory.appendingPathComponent("bus").path)
            .write(to: configuration, atomically: true, encoding: .utf8)
        do {
            process = try SpawnedProcess([
                "dbus-daemon", "--config-file=\(configuration.path)", "--nofork", "--print-address",
            ])
            guard let line = try await process.readLine(seconds: 20), !line.isEmpty else { throw Failure() }
            address = line
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    func stop() async {
        process.kill(SIGTERM)
        _ = try? await process.waitForExit(seconds: 10)
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
