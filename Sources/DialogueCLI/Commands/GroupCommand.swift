import ArgumentParser

/// `dialogue group ...`: the `conversations.*` methods that manage groups.
struct GroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "Create and manage groups (renaming, members, avatar and deleting are for the admin).",
        subcommands: [
            GroupCreateCommand.self, GroupAddCommand.self, GroupRemoveCommand.self, GroupLeaveCommand.self,
            GroupRenameCommand.self, GroupAvatarCommand.self, GroupDeleteCommand.self,
        ])
}
