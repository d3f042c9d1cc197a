import ArgumentParser
import DialogueRPC

/// `dialogue profile [--name] [--bio] [--avatar]`: `account.updateProfile`.
struct ProfileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile", abstract: "Change your name, bio or avatar.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Option(help: ArgumentHelp("A new full name.", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("A new bio.", valueName: "text"))
    var bio: String?

    @Option(help: ArgumentHelp("An image file for the avatar.", valueName: "path"), completion: .file())
    var avatar: String?

    func validate() throws {
        guard name != nil || bio != nil || avatar != nil else {
            throw ValidationError("Give at least one of --name, --bio or --avatar (`dialogue me` shows the profile).")
        }
    }

    func run() async throws {
        try await Session.with(global) { session in
            let request = AccountUpdateProfileRequest(
                fullname: name, bio: bio, avatarPath: avatar.map(LocalPath.absolute))
            try await session.run(request) { session.plainFormatter.account($0) }
        }
    }
}
