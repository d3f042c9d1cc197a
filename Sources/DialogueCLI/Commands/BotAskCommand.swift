import ArgumentParser
import DialogueRPC
import Foundation

/// `dialogue bot ask PROMPT`: `bot.ask`, printing `bot.token` notifications as they stream.
struct BotAskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask", abstract: "Ask the assistant; the answer streams as it is written.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "Your question.")
    var prompt: String

    func validate() throws {
        if prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("PROMPT must not be empty.")
        }
    }

    func run() async throws {
        try await Session.with(global) { session in
            // Subscribe first so no token can arrive before we listen.
            _ = try await session.call(
                EventsSubscribeRequest(types: [LocalEvent.Kind.botToken.rawValue, LocalEvent.Kind.botDone.rawValue]))
            let answer = try await session.result(of: BotAskRequest(prompt: prompt))
            let requestID = try Session.decode(answer, of: BotAskRequest.self).requestId
            if session.options.json { print(answer.serialized()) }
            for await notification in session.client.notifications {
                guard notification.params?["requestId"]?.stringValue == requestID else { continue }
                if session.options.json {
                    print(notification.json.serialized())
                } else if notification.method == "bot.token" {
                    print(notification.params?["text"]?.stringValue ?? "", terminator: "")
                }
                Terminal.flushOutput()
                if notification.method == "bot.done" {
                    if !session.options.json { print("") }
                    if let error = notification.params?["error"], !error.isNull {
                        throw CLIFailure(
                            message: "the assistant could not answer: \(error.stringValue ?? error.serialized())",
                            exitCode: 1)
                    }
                    return
                }
            }
            throw CLIFailure(
                message: "dialogued closed the connection before the answer was complete",
                exitCode: CLIFailure.daemonNotRunningExitCode)
        }
    }
}
