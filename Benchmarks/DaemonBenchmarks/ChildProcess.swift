import Foundation

/// A program of this build (`dialogued`, `dialogue-server`) started for a benchmark and stopped at
/// the end; its standard output is kept for the line that says where it listens.
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
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

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
