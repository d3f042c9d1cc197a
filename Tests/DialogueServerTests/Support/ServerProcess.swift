import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The real `dialogue-server` executable in a child process, for crash tests.
final class ServerProcess: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let process = Process()
    let port: Int

    /// Starts the binary built next to the test bundle and waits for its "listening" line.
    init(directory: URL) throws {
        let binary = try Self.binary()
        process.executableURL = binary
        process.arguments = ["--port", "0", "--data-dir", directory.path, "--log-level", "error"]
        var environment = ProcessInfo.processInfo.environment
        environment["DIALOGUE_JWT_SECRET"] = TestServer.secret
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while !text.contains("\n") && Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = text.range(of: #":(\d+)\n"#, options: .regularExpression),
            let port = Int(text[range].dropFirst().dropLast())
        else {
            process.terminate()
            throw Failure(description: "the server did not report its port: \(text)")
        }
        self.port = port
    }

    /// The `dialogue-server` built next to the test bundle.
    static func binary() throws -> URL {
        guard let directory = Bundle.main.executableURL?.deletingLastPathComponent() else {
            throw Failure(description: "cannot locate the build directory")
        }
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let binary = candidate.appendingPathComponent("dialogue-server")
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        }
        throw Failure(description: "dialogue-server is not built next to the tests in \(directory.path)")
    }

    /// SIGKILL: no shutdown code runs, as in a crash or power cut.
    func kill() {
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
