import DialogueTestSupport
import Foundation

extension ServerProgram {
    /// The real `dialogue-server` over `directory`, on a free port, with the suite's token secret;
    /// its output goes to `server.log` in the directory.
    static func start(directory: URL) async throws -> ServerProgram {
        try await start(
            ["--port", "0", "--data-dir", directory.path, "--log-level", "error"],
            environment: ["DIALOGUE_JWT_SECRET": TestServer.secret],
            log: directory.appendingPathComponent("server.log").path)
    }
}
