import Foundation
import Testing

/// Runs the built `dialogue` (and `dialogued`) binaries as subprocesses, always with a deadline.
enum CLIProcess {
    /// What one run produced.
    struct Outcome: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The build products directory: next to the test bundle, or one directory up.
    static func binary(named name: String) -> URL? {
        var candidates: [URL] = []
        if let bundle = Bundle.main.executableURL?.deletingLastPathComponent() {
            candidates.append(bundle)
            candidates.append(bundle.deletingLastPathComponent())
        }
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        return candidates.map { $0.appendingPathComponent(name) }.first {
            FileManager.default.isExecutableFile(atPath: $0.path)
        }
    }

    /// Runs `dialogue ARGUMENTS` with `stdin` piped in; killed after `timeout`.
    static func run(
        _ arguments: [String],
        stdin: String = "",
        environment: [String: String] = [:],
        timeout: Duration = .seconds(30)
    ) async throws -> Outcome {
        let executable = try #require(binary(named: "dialogue"), "the dialogue binary was not built")
        return try await run(
            executable: executable, arguments, stdin: stdin, environment: environment, timeout: timeout)
    }

    static func run(
        executable: URL,
        _ arguments: [String],
        stdin: String,
        environment: [String: String],
        timeout: Duration
    ) async throws -> Outcome {
        let directory = try ShortDirectory()
        let outPath = directory.path + "/out"
        let errPath = directory.path + "/err"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        let (ended, endedContinuation) = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { endedContinuation.yield($0.terminationStatus) }
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let status = await withTaskGroup(of: Int32?.self) { group in
            group.addTask {
                var iterator = ended.makeAsyncIterator()
                return await iterator.next()
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            if first == nil, process.isRunning { process.terminate() }
            group.cancelAll()
            return first
        }
        let stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return Outcome(status: status ?? -1, stdout: stdout, stderr: stderr)
    }
}
