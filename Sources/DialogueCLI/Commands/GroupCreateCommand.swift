import ArgumentParser
import DialogueRPC
import Foundation

/// `dialogue group create NAME USER... [--avatar PATH]`: `conversations.createGroup`.
struct GroupCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a group with you as admin.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "The group's name.")
    var name: String

    @Argument(help: "Members: user ids, e-mails or names.", completion: .custom(Completions.users))
    var members: [String] = []

    @Option(help: ArgumentHelp("An image file for the group's avatar.", valueName: "path"), completion: .file())
    var avatar: String?

    func validate() throws {
        if name.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("NAME must not be empty.") }
    }

    func run() async throws {
        try await Session.with(global) { session in
            var memberIDs: [String] = []
            for member in members { memberIDs.append(try await session.userID(for: member)) }
            let request = ConversationsCreateGroupRequest(
                name: name, memberIds: memberIDs, avatarPath: avatar.map(LocalPath.absolute))
            try await session.run(request) { group in
                "Created group \(session.style.ink(name)): \(session.style.muted(group.id))"
            }
        }
    }
}
