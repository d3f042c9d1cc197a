import DialogueRPC
import DialogueRPCTransport
import Testing

@testable import DialogueCLI

/// Every failure maps to one sentence and a documented exit code.
@Suite("Errors and exit codes")
struct ErrorMappingTests {
    func failure(_ error: RPCError, method: String = "account.me") -> CLIFailure {
        CLIFailure(MethodFailure(method: method, error: error))
    }

    @Test func applicationErrors() {
        #expect(failure(.locked()) == CLIFailure(message: "the daemon is locked: run `dialogue unlock`", exitCode: 4))
        let wrong = failure(.locked("The passphrase is wrong: the key store stays locked"), method: "daemon.unlock")
        #expect(wrong == CLIFailure(message: "the passphrase is wrong: the key store stays locked", exitCode: 4))
        #expect(failure(.notSignedIn()).exitCode == 5)
        #expect(failure(.offline()).exitCode == 6)
        #expect(failure(.offline(), method: "messages.send").message.contains("the message is queued"))
        let forbidden = failure(.forbidden("The edit window has passed"), method: "messages.edit")
        #expect(forbidden == CLIFailure(message: "refused: the edit window has passed", exitCode: 7))
        #expect(failure(.notFound("No such message")).exitCode == 8)
        #expect(failure(.invalidInput("Message too long")).exitCode == 2)
        #expect(failure(.invalidParams("missing text")).exitCode == 2)
        #expect(failure(.rateLimited(retryAfter: 30)).message == "the server asked to slow down: retry in 30 s")
        #expect(failure(.conflict("Already a member")).exitCode == 1)
        #expect(failure(.internalError).exitCode == 1)
    }

    @Test func unsupportedMethodsAreNamed() {
        let unsupported = failure(.methodNotFound("messages.send"), method: "messages.send")
        #expect(unsupported == CLIFailure(message: "the daemon does not support `messages.send` yet", exitCode: 1))
    }

    @Test func transportFailures() {
        #expect(CLIFailure(RPCClientError.connectionClosed).exitCode == 3)
        let notRunning = CLIFailure.daemonNotRunning(socketPath: "/tmp/none.sock")
        #expect(notRunning.exitCode == 3)
        #expect(
            notRunning.line
                == "dialogue: dialogued is not running: start it with `systemctl --user start dialogued` (or run `dialogued`)."
        )
        #expect(CLIFailure(RPCServerError.runtimeDirectoryUnset).exitCode == 2)
        #expect(CLIFailure(PassphraseReader.Failure.endOfInput).exitCode == 2)
    }

    @Test func oneSentenceLines() {
        #expect(CLIFailure(message: "x happened", exitCode: 1).line == "dialogue: x happened.")
        #expect(CLIFailure(message: "is it running?", exitCode: 1).line == "dialogue: is it running?")
        #expect(!failure(.forbidden("Not admin.")).line.hasSuffix(".."))
    }
}
