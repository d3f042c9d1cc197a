import Foundation

/// A program of this build (`dialogued`, `dialogue-server`) started for a benchmark and stopped at
/// the end; its standard output is kept for the line that says where it listens. With
/// `DIALOGUE_BENCH_LOGS=DIR` its standard error (its log) goes to `DIR/NAME-MILLISECONDS-X.log`, for reading a
/// run's timeline afterwards; otherwise nowhere.
final class ChildProcess: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()

    /// The directory of this benchmark's executable, where the other products are built too.
    static var binaries: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }

    init(_ name: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = Self.binaries.appendingPathComponent(name)
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { _, new in new }
        process.environment = variables
        process.standardOutput = output
        process.standardError = Self.logFile(for: name) ?? FileHandle.nullDevice
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Where a child's log goes when `DIALOGUE_BENCH_LOGS` names a directory.
    static var logDirectory: URL? {
        ProcessInfo.processInfo.environment["DIALOGUE_BENCH_LOGS"].map { URL(fileURLWithPath: $0) }
    }

    private static func logFile(for name: String) -> FileHandle? {
        guard let directory = logDirectory else { return nil }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let stamp = Int(Date().timeIntervalSince1970 * 1000)
        let path = directory.appendingPathComponent("\(name)-\(stamp)-\(UUID().uuidString.prefix(4)).log").path
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        else { return nil }
        return FileHandle(forWritingAtPath: path)
    }

    /// Reads standard output until a line starts with `prefix`, and returns it.
    func line(startingWith prefix: String) throws -> String {
        var text = ""
        let handle = output.fileHandleForReading
        while true {
            let data = handle.availableData
            guard !data.isEmpty else { throw LineSocket.Failure(description: "no \"\(prefix)\" line") }
            text += String(decoding: data, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) { return String(line) }
        }
    }

    /// Resident set size in bytes, from `/proc/<pid>/status`.
    var residentBytes: Int { statusBytes("VmRSS:") }

    /// The anonymous part of it (heap, stacks): what this process alone holds, as opposed to the
    /// file-backed pages of its binary and shared libraries.
    var anonymousResidentBytes: Int { statusBytes("RssAnon:") }

    /// Resident bytes per mapped file (by file name; `[anonymous]` for the rest), largest first:
    /// where the resident set comes from.
    var residentBytesByMapping: [(name: String, bytes: Int)] {
        // Read to the end: a procfs file reports no size, so a sized read would stop early.
        guard let data = FileHandle(forReadingAtPath: "/proc/\(pid)/smaps")?.readDataToEndOfFile() else { return [] }
        let smaps = String(decoding: data, as: UTF8.self)
        var totals: [String: Int] = [:]
        var current = "[anonymous]"
        for line in smaps.split(separator: "\n") {
            let fields = line.split(whereSeparator: \.isWhitespace)
            if let first = fields.first, first.contains("-"), fields.count >= 5 {
                current =
                    fields.count >= 6 && fields[5].hasPrefix("/")
                    ? String(fields[5].split(separator: "/").last!) : "[anonymous]"
            } else if fields.first == "Rss:", fields.count >= 2 {
                totals[current, default: 0] += (Int(fields[1]) ?? 0) * 1024
            }
        }
        return totals.sorted { $0.value > $1.value }.map { ($0.key, $0.value) }
    }

    /// User and system CPU time of every thread so far, in seconds (`/proc/PID/stat`, in clock
    /// ticks: 10 ms resolution).
    var cpuSeconds: Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let end = stat.lastIndex(of: ")")
        else { return 0 }
        // Fields after the command name; utime and stime are the 14th and 15th of the line.
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    private func statusBytes(_ field: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(field) {
            let fields = line.split(whereSeparator: \.isWhitespace)
            return fields.count >= 2 ? (Int(fields[1]) ?? 0) * 1024 : 0
        }
        return 0
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
