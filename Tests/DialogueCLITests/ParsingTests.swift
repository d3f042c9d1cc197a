import ArgumentParser
import Testing

@testable import DialogueCLI

/// Every subcommand parses its arguments and options, and rejects what it must.
@Suite("Command parsing")
struct ParsingTests {
    private func parse<T: ParsableCommand>(_ arguments: [String], as type: T.Type = T.self) throws -> T {
        let command = try DialogueCommand.parseAsRoot(arguments)
        return try #require(command as? T, "parsed \(Swift.type(of: command)), not \(T.self)")
    }

    private func rejects(_ arguments: [String]) {
        #expect(throws: (any Error).self, "\(arguments) should not parse") {
            _ = try DialogueCommand.parseAsRoot(arguments)
        }
    }

    @Test func globalOptionsBeforeAndAfterTheCommand() throws {
        let before = try parse(["--socket", "/tmp/x.sock", "--json", "--no-color", "status"], as: StatusCommand.self)
        #expect(before.global.socket == "/tmp/x.sock")
        #expect(before.global.json)
        #expect(before.global.noColor)
        let after = try parse(["status", "--json"], as: StatusCommand.self)
        #expect(after.global.json)
        #expect(after.global.socket == nil)
        let nested = try parse(["--json", "group", "leave", "Team"], as: GroupLeaveCommand.self)
        #expect(nested.global.json)
        #expect(nested.group == "Team")
    }

    @Test func sessionCommandsTakeNoSecretsFromArgv() throws {
        _ = try parse(["status"], as: StatusCommand.self)
        _ = try parse(["unlock"], as: UnlockCommand.self)
        _ = try parse(["lock"], as: LockCommand.self)
        _ = try parse(["set-passphrase"], as: SetPassphraseCommand.self)
        _ = try parse(["logout"], as: LogoutCommand.self)
        _ = try parse(["me"], as: MeCommand.self)
        rejects(["unlock", "hunter2"])
        rejects(["unlock", "--passphrase", "hunter2"])
        rejects(["login", "--server", "http://s", "--email", "a@b.c", "--password", "x"])
    }

    @Test func signupAndLogin() throws {
        let signup = try parse(
            [
                "signup", "--server", "http://127.0.0.1:5000", "--email", "ada@example.com", "--name", "Ada", "--bio",
                "Hi",
            ],
            as: SignupCommand.self)
        #expect(signup.server == "http://127.0.0.1:5000")
        #expect(signup.email == "ada@example.com")
        #expect(signup.name == "Ada")
        #expect(signup.bio == "Hi")
        rejects(["signup", "--server", "http://s", "--email", "not-an-email", "--name", "Ada"])
        rejects(["signup", "--server", "http://s", "--email", "a@b.c"])
        let login = try parse(["login", "--server", "http://s", "--email", "a@b.c"], as: LoginCommand.self)
        #expect(login.email == "a@b.c")
        rejects(["login", "--email", "a@b.c"])
    }

    @Test func profileNeedsSomethingToChange() throws {
        let profile = try parse(["profile", "--name", "Ada L", "--avatar", "me.png"], as: ProfileCommand.self)
        #expect(profile.name == "Ada L")
        #expect(profile.avatar == "me.png")
        rejects(["profile"])
    }

    @Test func listsAndFilters() throws {
        #expect(try parse(["users"], as: UsersCommand.self).query == nil)
        #expect(try parse(["users", "ada"], as: UsersCommand.self).query == "ada")
        #expect(try parse(["chats"], as: ChatsCommand.self).filter == .all)
        #expect(try parse(["chats", "--filter", "unread"], as: ChatsCommand.self).filter == .unread)
        rejects(["chats", "--filter", "everything"])
        _ = try parse(["presence"], as: PresenceCommand.self)
        _ = try parse(["devices"], as: DevicesCommand.self)
        _ = try parse(["discover"], as: DiscoverCommand.self)
    }

    @Test func messages() throws {
        #expect(try parse(["open", "bob@example.com"], as: OpenCommand.self).user == "bob@example.com")
        rejects(["open"])
        let history = try parse(["history", "Team", "--before", "m9", "--limit", "20"], as: HistoryCommand.self)
        #expect(history.chat == "Team")
        #expect(history.before == "m9")
        #expect(history.limit == 20)
        rejects(["history", "Team", "--limit", "0"])
        rejects(["history", "Team", "--limit", "many"])
        let send = try parse(
            ["send", "Bob", "hello there", "--reply", "m1", "--image", "cat.png"], as: SendCommand.self)
        #expect(send.chat == "Bob")
        #expect(send.text == "hello there")
        #expect(send.reply == "m1")
        #expect(send.image == "cat.png")
        #expect(try parse(["send", "Bob", "--image", "cat.png"], as: SendCommand.self).text == "")
        rejects(["send", "Bob"])
        rejects(["send", "Bob", "  "])
        let edit = try parse(["edit", "m1", "fixed"], as: EditCommand.self)
        #expect(edit.id == "m1")
        #expect(edit.text == "fixed")
        rejects(["edit", "m1"])
        #expect(try parse(["delete", "m1"], as: DeleteCommand.self).id == "m1")
        let react = try parse(["react", "m1", "👍"], as: ReactCommand.self)
        #expect(react.emoji == "👍")
        rejects(["react", "m1"])
        let read = try parse(["read", "Team", "--up-to", "m5"], as: ReadCommand.self)
        #expect(read.upTo == "m5")
        #expect(try parse(["mute", "Team"], as: MuteCommand.self).chat == "Team")
        #expect(try parse(["unmute", "Team"], as: UnmuteCommand.self).chat == "Team")
    }

    @Test func search() throws {
        let search = try parse(["search", "budget", "--all", "--in", "Team", "--limit", "5"], as: SearchCommand.self)
        #expect(search.query == "budget")
        #expect(search.all)
        #expect(search.chat == "Team")
        #expect(search.limit == 5)
        let plain = try parse(["search", "budget"], as: SearchCommand.self)
        #expect(!plain.all)
        #expect(plain.chat == nil)
        rejects(["search"])
        rejects(["search", " "])
    }

    @Test func groups() throws {
        let create = try parse(
            ["group", "create", "Team", "ada", "bob", "--avatar", "t.png"], as: GroupCreateCommand.self)
        #expect(create.name == "Team")
        #expect(create.members == ["ada", "bob"])
        #expect(create.avatar == "t.png")
        rejects(["group", "create"])
        #expect(try parse(["group", "add", "Team", "cy", "dee"], as: GroupAddCommand.self).members == ["cy", "dee"])
        rejects(["group", "add", "Team"])
        #expect(try parse(["group", "remove", "Team", "cy"], as: GroupRemoveCommand.self).member == "cy")
        _ = try parse(["group", "leave", "Team"], as: GroupLeaveCommand.self)
        #expect(try parse(["group", "rename", "Team", "Crew"], as: GroupRenameCommand.self).name == "Crew")
        rejects(["group", "rename", "Team", ""])
        #expect(try parse(["group", "avatar", "Team", "a.png"], as: GroupAvatarCommand.self).path == "a.png")
        _ = try parse(["group", "delete", "Team"], as: GroupDeleteCommand.self)
        rejects(["group", "explode", "Team"])
    }

    @Test func liveStateAndSecurity() throws {
        #expect(try parse(["typing", "Team", "on"], as: TypingCommand.self).state == .on)
        #expect(try parse(["typing", "Team", "off"], as: TypingCommand.self).state == .off)
        rejects(["typing", "Team", "maybe"])
        #expect(try parse(["safety-number", "bob"], as: SafetyNumberCommand.self).user == "bob")
        let digits = String(repeating: "12345", count: 12)
        #expect(try parse(["verify", "bob", digits], as: VerifyCommand.self).digits == digits)
        let spaced = Array(repeating: "12345", count: 12).joined(separator: " ")
        #expect(try parse(["verify", "bob", spaced], as: VerifyCommand.self).digits == digits)
        rejects(["verify", "bob", "123"])
        #expect(try parse(["revoke", "d1"], as: RevokeCommand.self).device == "d1")
        #expect(try parse(["link"], as: LinkCommand.self).code == nil)
        #expect(try parse(["link", "ABC-123"], as: LinkCommand.self).code == "ABC-123")
    }

    @Test func botAndWatch() throws {
        #expect(try parse(["bot", "ask", "What is E2EE?"], as: BotAskCommand.self).prompt == "What is E2EE?")
        rejects(["bot", "ask", ""])
        _ = try parse(["bot", "history"], as: BotHistoryCommand.self)
        _ = try parse(["bot", "clear"], as: BotClearCommand.self)
        #expect(try parse(["watch"], as: WatchCommand.self).types == [])
        #expect(
            try parse(["watch", "--types", "message.new", "typing"], as: WatchCommand.self).types == [
                "message.new", "typing",
            ])
        rejects(["watch", "--types", "message.exploded"])
    }

    @Test func validationErrorsAreUsageErrors() {
        do {
            _ = try DialogueCommand.parseAsRoot(["history", "Team", "--limit", "0"])
            Issue.record("expected a validation error")
        } catch {
            #expect(DialogueCommand.exitCode(for: error).rawValue == 64)
            #expect(DialogueCommand.message(for: error).contains("--limit"))
        }
    }

    @Test func completionScriptsGenerate() {
        for shell in ["bash", "zsh", "fish"] {
            let script = DialogueCommand.completionScript(for: CompletionShell(rawValue: shell)!)
            #expect(script.contains("send"), "\(shell)")
            #expect(script.contains("safety-number"), "\(shell)")
        }
    }

    @Test func helpDocumentsExitCodesAndPassphrases() {
        let help = DialogueCommand.helpMessage()
        #expect(help.contains("Exit codes"))
        #expect(help.contains("dialogued is not running"))
        for command: any ParsableCommand.Type in [
            UnlockCommand.self, SetPassphraseCommand.self, SignupCommand.self, LoginCommand.self,
        ] {
            let text = DialogueCommand.helpMessage(for: command).split(whereSeparator: \.isWhitespace).joined(
                separator: " ")
            #expect(text.contains("never taken from the command line"), "\(command)")
        }
    }
}
