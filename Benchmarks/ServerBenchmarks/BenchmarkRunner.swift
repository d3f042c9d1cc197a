import AsyncHTTPClient
import Foundation
import NIOPosix

/// Runs the selected scenarios, each against a fresh `dialogue-server` on a fresh data
/// directory (so one scenario's data and memory never colour the next), and prints the table.
enum BenchmarkRunner {
    /// - Returns: The process exit code.
    static func run(arguments: [String]) async -> Int32 {
        if arguments.contains("--help") || arguments.contains("-h") {
            print(BenchmarkOptions.usage)
            return 0
        }
        guard let options = BenchmarkOptions.parse(arguments) else { return 64 }
        guard let executable = serverExecutable(options) else {
            print("dialogue-server not found next to this binary; pass --server PATH")
            return 66
        }
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 1024)
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(60))
        let http = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
        var rows: [ResultRow] = []
        var code: Int32 = 0
        do {
            if options.scenarios.contains("send") {
                rows += try await withServer(executable, http: http, options: options, name: "durable send") {
                    server,
                    api,
                    ids in
                    try await SendThroughputScenario(options: options).run(server: server, api: api, ids: ids)
                }
            }
            if options.scenarios.contains("fanout") {
                for members in options.groupSizes {
                    rows += try await withServer(executable, http: http, options: options, name: "fan-out \(members)") {
                        server,
                        api,
                        ids in
                        try await FanOutScenario(options: options, members: members).run(
                            server: server, api: api, ids: ids)
                    }
                }
            }
            if options.scenarios.contains("idle") {
                rows += try await withServer(executable, http: http, options: options, name: "idle connections") {
                    server,
                    api,
                    _ in
                    try await IdleConnectionScenario(options: options).run(server: server, api: api)
                }
            }
        } catch {
            print("benchmark failed: \(error)")
            code = 1
        }
        try? await http.shutdown()
        print("")
        print(ResultTable.render(rows))
        return code
    }

    /// Starts a server, runs `body` against it and always stops it.
    private static func withServer(
        _ executable: String,
        http: HTTPClient,
        options: BenchmarkOptions,
        name: String,
        _ body: (ServerProcess, APIClient, IdSource) async throws -> [ResultRow]
    ) async throws -> [ResultRow] {
        print("== \(name): starting dialogue-server (load average \(LoadAverage.read()))")
        let server = try ServerProcess(executable: executable, logLevel: options.serverLogLevel)
        do {
            let api = APIClient(http: http, baseURL: server.baseURL, envelopeBytes: options.envelopeBytes)
            try api.verifySendTemplate()
            let rows = try await body(server, api, IdSource())
            for row in rows { print("   \(row.metric): \(row.value) \(row.verdict)") }
            print("   (load average after: \(LoadAverage.read()))")
            server.stop()
            return rows
        } catch {
            print("server log tail:\n\(server.logTail())")
            server.stop(keepDirectory: true)
            print("the server's data and log are kept in \(server.directory.path)")
            throw error
        }
    }

    /// `--server`, or `dialogue-server` in the same build folder as this executable.
    private static func serverExecutable(_ options: BenchmarkOptions) -> String? {
        if let path = options.serverPath { return FileManager.default.isExecutableFile(atPath: path) ? path : nil }
        guard let own = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        let candidate = URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent("dialogue-server")
            .path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }
}
