import DialogueRPC
import DialogueRPCTransport

/// A failure as the user sees it: one sentence on stderr and an exit code scripts can switch on.
///
/// ``init(_:method:)`` is the single place where any error becomes an exit code, and it is pure
/// so the whole mapping is tested without a daemon.
struct CLIFailure: Error, Equatable {
    var message: String
    var exitCode: Int32

    static let usageExitCode: Int32 = 2
    static let daemonNotRunningExitCode: Int32 = 3

    init(message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }

    /// Maps what a command threw; `method` is the RPC method that failed, when one did.
    init(_ error: any Error, method: String? = nil) {
        switch error {
        case let failure as CLIFailure:
            self = failure
        case let failure as MethodFailure:
            self.init(failure.error, method: failure.method)
        case let rpc as RPCError:
            self = Self.map(rpc, method: method)
        case let client as RPCClientError:
            switch client {
            case .connectionClosed:
                self.init(
                    message: "dialogued closed the connection before answering: is it still running?",
                    exitCode: Self.daemonNotRunningExitCode)
            case .duplicateRequestID:
                self.init(message: "\(client)", exitCode: 1)
            }
        case is PassphraseReader.Failure:
            self.init(
                message: "no passphrase to read: standard input ended (type it on a terminal or pipe one line in)",
                exitCode: Self.usageExitCode)
        case let server as RPCServerError:
            self.init(message: "\(server)", exitCode: Self.usageExitCode)
        default:
            self.init(message: "\(error)", exitCode: 1)
        }
    }

    /// The failure when nothing listens on the socket.
    static func daemonNotRunning(socketPath: String) -> CLIFailure {
        CLIFailure(
            message:
                "dialogued is not running: start it with `systemctl --user start dialogued` (or run `dialogued`)",
            exitCode: daemonNotRunningExitCode)
    }

    private static func map(_ error: RPCError, method: String?) -> CLIFailure {
        let server = error.message
        switch error.code {
        case .locked where method == "daemon.unlock" || method == "daemon.setPassphrase":
            // A refused passphrase (or key file): the daemon's own sentence says which and why.
            return CLIFailure(message: lowered(server), exitCode: 4)
        case .locked:
            return CLIFailure(message: "the daemon is locked: run `dialogue unlock`", exitCode: 4)
        case .notSignedIn:
            return CLIFailure(
                message: "you are not signed in: run `dialogue signup` or `dialogue login`", exitCode: 5)
        case .offline:
            if method == "messages.send" {
                return CLIFailure(
                    message: "the server cannot be reached: the message is queued and will be sent when it can",
                    exitCode: 6)
            }
            return CLIFailure(message: "the server cannot be reached now: \(lowered(server))", exitCode: 6)
        case .forbidden:
            return CLIFailure(message: "refused: \(lowered(server))", exitCode: 7)
        case .notFound:
            return CLIFailure(message: "not found: \(lowered(server))", exitCode: 8)
        case .invalidInput:
            return CLIFailure(message: "invalid input: \(lowered(server))", exitCode: usageExitCode)
        case .invalidParams:
            let detail = error.data?["detail"]?.stringValue.map { ": \($0)" } ?? ""
            return CLIFailure(
                message: "the daemon rejected the parameters of `\(method ?? "the call")`\(detail)",
                exitCode: usageExitCode)
        case .methodNotFound:
            let name = method ?? error.data?["method"]?.stringValue ?? "this method"
            return CLIFailure(message: "the daemon does not support `\(name)` yet", exitCode: 1)
        case .rateLimited:
            let wait = error.retryAfter.map { ": retry in \($0) s" } ?? ""
            return CLIFailure(message: "the server asked to slow down\(wait)", exitCode: 1)
        case .untrustedIdentity:
            return CLIFailure(
                message:
                    "\(lowered(server)): compare safety numbers with `dialogue safety-number` and `dialogue verify`",
                exitCode: 7)
        default:
            return CLIFailure(message: lowered(server), exitCode: 1)
        }
    }

    /// The daemon's sentence without its capital or full stop, so it reads inside ours.
    private static func lowered(_ text: String) -> String {
        var text = text
        while text.hasSuffix(".") { text.removeLast() }
        guard let first = text.first, first.isUppercase else { return text }
        // Keep acronyms ("TLS failed") as they are.
        if text.dropFirst().first?.isUppercase == true { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// The line written to stderr: `dialogue: sentence.`
    var line: String {
        var sentence = "dialogue: " + message
        if !sentence.hasSuffix(".") && !sentence.hasSuffix("?") { sentence += "." }
        return sentence
    }
}

/// An RPC error together with the method that failed, so the message can name it.
struct MethodFailure: Error {
    var method: String
    var error: RPCError
}
