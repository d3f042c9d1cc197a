import ArgumentParser
import DialogueRPC
import DialogueRPCTransport
import Foundation

/// One connection to the daemon for one command, with the output style that command should use.
///
/// Commands call methods by their types (``run(_:human:)``, ``call(_:)``); every call goes
/// through ``call(_:_:)``, which tags a daemon error with its method so the failure can say which
/// call the daemon does not support yet.
struct Session {
    let client: RPCClient
    let options: GlobalOptions
    let style: Style
    let now: Date

    /// Calls `method` and returns its result.
    func call(_ method: String, _ params: JSONValue? = nil) async throws -> JSONValue {
        do {
            return try await client.call(method, params: params)
        } catch let error as RPCError {
            throw MethodFailure(method: method, error: error)
        }
    }

    /// Calls a method by its type and decodes its result.
    func call<Request: LocalRequest>(_ request: Request) async throws -> Request.Response {
        try Self.decode(try await call(Request.method, try JSONValue(encoding: request)), of: Request.self)
    }

    /// Calls a method by its type and prints either the daemon's own JSON (with `--json`, so a
    /// newer daemon's extra members reach scripts) or `human(result)`.
    func run<Request: LocalRequest>(_ request: Request, human: (Request.Response) -> String) async throws {
        try emit(try await result(of: request), as: Request.self, human: human)
    }

    /// Calls a method by its type and returns the daemon's own JSON, for results that are printed
    /// later with ``emit(_:as:human:)``.
    func result<Request: LocalRequest>(of request: Request) async throws -> JSONValue {
        try await call(Request.method, try JSONValue(encoding: request))
    }

    /// Prints a result of `request` the way the options ask: its JSON, or `human` of it decoded.
    func emit<Request: LocalRequest>(
        _ result: JSONValue, as request: Request.Type, human: (Request.Response) -> String
    ) throws {
        if options.json {
            print(result.serialized())
        } else {
            let text = human(try Self.decode(result, of: Request.self))
            if !text.isEmpty { print(text) }
        }
    }

    /// A result as its method's type; a daemon that answers another shape is named as the cause.
    static func decode<Request: LocalRequest>(_ result: JSONValue, of request: Request.Type) throws
        -> Request.Response
    {
        do {
            return try result.decode(Request.Response.self)
        } catch {
            throw CLIFailure(
                message: "dialogued answered \(Request.method) with a result this dialogue does not understand"
                    + " (is it another version?)",
                exitCode: 1)
        }
    }

    /// Prints a result the way the options ask.
    func emit(_ result: JSONValue, human: (JSONValue) -> String) {
        if options.json {
            print(result.serialized())
        } else {
            let text = human(result)
            if !text.isEmpty { print(text) }
        }
    }

    /// Connects to the daemon, runs `body`, and turns every failure into a message and exit code.
    static func with(_ options: GlobalOptions, _ body: (Session) async throws -> Void) async throws {
        let style = Style(
            colored: Style.shouldColor(
                isTerminal: Terminal.stdoutIsTerminal,
                environment: ProcessInfo.processInfo.environment,
                noColorFlag: options.noColor))
        do {
            let socketPath = try options.socket ?? RPCServer.defaultSocketPath()
            var connected = false
            do {
                try await RPCClient.withConnection(socketPath: socketPath) { client in
                    connected = true
                    try await body(Session(client: client, options: options, style: style, now: Date()))
                }
            } catch  where !connected && !(error is CLIFailure) {
                throw CLIFailure.daemonNotRunning(socketPath: socketPath)
            }
        } catch let error as ExitCode {
            throw error
        } catch {
            let failure = CLIFailure(error)
            Terminal.writeError(failure.line)
            throw ExitCode(failure.exitCode)
        }
    }
}

extension Session {
    /// A formatter without sender names (for results that name nobody).
    var plainFormatter: OutputFormatter { OutputFormatter(style: style, now: now) }
}
