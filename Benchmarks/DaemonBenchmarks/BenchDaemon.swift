import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real `dialogued` in its own temporary XDG root, unlocking itself from a key file so no
/// passphrase derivation sits in the timings.
final class BenchDaemon: @unchecked Sendable {
    let root: URL
    let socketPath: String
    private(set) var child: ChildProcess?
    private var connection: LineSocket?
    private var nextID = 1

    init(name: String) throws {
        root = URL(fileURLWithPath: "/tmp/db-\(name)-\(UUID().uuidString.prefix(6))")
        let data = root.appendingPathComponent("data")
        try FileManager.default.createDirectory(
            at: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let keyFile = data.appendingPathComponent("store.key")
        var key = [UInt8](repeating: 0, count: 32)
        for index in key.indices { key[index] = UInt8.random(in: 0...255) }
        _ = FileManager.default.createFile(
            atPath: keyFile.path, contents: Data(key), attributes: [.posixPermissions: 0o600])
        var config = "unlock = \"keyfile\"\nkeyFile = \"\(keyFile.path)\"\n"
        // A log kept for reading afterwards is worth its debug lines (one per batch of events).
        if ChildProcess.logDirectory != nil { config += "\n[log]\nlevel = \"debug\"\n" }
        try Data(config.utf8).write(to: root.appendingPathComponent("config.toml"))
        socketPath = root.appendingPathComponent("d.sock").path
    }

    /// Starts the daemon and returns how long it took until `daemon.status` answered.
    @discardableResult
    func start() throws -> Duration {
        let clock = ContinuousClock()
        let began = clock.now
        child = try ChildProcess(
            "dialogued",
            [
                "--socket", socketPath, "--data-dir", root.appendingPathComponent("data").path, "--config",
                root.appendingPathComponent("config.toml").path,
            ])
        while clock.now - began < .seconds(30) {
            if let socket = try? LineSocket(path: socketPath) {
                connection = socket
                _ = try call("daemon.status")
                return clock.now - began
            }
            usleep(500)
        }
        throw LineSocket.Failure(description: "dialogued did not answer within 30 s")
    }

    /// One JSON-RPC line, ready to send.
    func request(_ method: String, _ params: [String: Any] = [:]) -> String {
        nextID += 1
        let object: [String: Any] = ["jsonrpc": "2.0", "id": nextID, "method": method, "params": params]
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Calls a method and returns its `result`.
    @discardableResult
    func call(_ method: String, _ params: [String: Any] = [:]) throws -> Any {
        guard let connection else { throw LineSocket.Failure(description: "not started") }
        let line = try connection.roundTrip(request(method, params))
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw LineSocket.Failure(description: "not JSON: \(line.prefix(200))")
        }
        if let error = object["error"] { throw LineSocket.Failure(description: "\(method) failed: \(error)") }
        return object["result"] ?? NSNull()
    }

    /// Sends an already-built line and reads the answer, for latency loops.
    func roundTrip(_ line: String) throws {
        _ = try connection?.roundTrip(line)
    }

    func status() throws -> [String: Any] {
        (try call("daemon.status") as? [String: Any]) ?? [:]
    }

    /// Polls `condition` every 20 ms for up to `seconds`.
    func waitUntil(seconds: Double, _ what: String, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return }
            usleep(20_000)
        }
        throw LineSocket.Failure(description: "timed out waiting for \(what)")
    }

    func stop() {
        connection = nil
        child?.stop()
        child = nil
    }

    /// Keeps a copy of the stopped daemon's data directory, for ``restoreData(from:)``.
    func snapshotData() throws -> URL {
        let copy = root.appendingPathComponent("data-snapshot")
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: root.appendingPathComponent("data"), to: copy)
        return copy
    }

    /// Puts the stopped daemon's data directory back as it was at ``snapshotData()``.
    func restoreData(from snapshot: URL) throws {
        let data = root.appendingPathComponent("data")
        try FileManager.default.removeItem(at: data)
        try FileManager.default.copyItem(at: snapshot, to: data)
    }

    func remove() {
        stop()
        try? FileManager.default.removeItem(at: root)
    }
}
