import DialogueRPC
import Testing

@testable import DialogueCLI

/// CHAT and USER arguments: ids, names, e-mails, ambiguity.
@Suite("CHAT resolution")
struct ChatResolverTests {
    static func conversation(_ id: String, _ name: String, isGroup: Bool) -> ConversationView {
        ConversationView(
            id: id, isGroup: isGroup, name: name, members: [], unread: 0, muted: false, removed: false)
    }

    static func user(_ id: String, _ name: String, email: String? = nil, conversationId: String? = nil) -> UserView {
        UserView(
            id: id, fullname: name, bio: "", online: false, lastSeen: nil, unread: 0, conversationId: conversationId,
            email: email)
    }

    let conversations = [
        Self.conversation("c1", "Team", isGroup: true),
        Self.conversation("c2", "Team Leads", isGroup: true),
        Self.conversation("c3", "Bob Stone", isGroup: false),
    ]
    let users = [
        Self.user("u1", "Ada Lovelace", email: "ada@example.com"),
        Self.user("u2", "Bob Stone"),
        Self.user("u3", "Adam Smith"),
    ]

    func chat(_ query: String) throws -> ChatResolver.Target {
        try ChatResolver.resolveChat(query, conversations: conversations, users: users)
    }

    @Test func idsWin() throws {
        #expect(try chat("c2") == .conversation("c2"))
        #expect(try chat("u3") == .user("u3"))
    }

    @Test func exactNamesBeatPartialOnes() throws {
        #expect(try chat("team") == .conversation("c1"))
        #expect(try chat("Team Leads") == .conversation("c2"))
        #expect(try chat("leads") == .conversation("c2"))
    }

    @Test func peopleByNameOrEmail() throws {
        #expect(try chat("ada@example.com") == .user("u1"))
        #expect(try chat("Ada Lovelace") == .user("u1"))
        // Bob already has a direct chat: that chat, not a second candidate.
        #expect(try chat("bob") == .conversation("c3"))
        #expect(try ChatResolver.resolveUser("adam", users: users) == "u3")
        // The address of someone with a direct chat (as the daemon's lookup answers it) is that chat.
        let bob = [Self.user("u2", "Bob Stone", email: "bob@example.com", conversationId: "c3")]
        #expect(
            try ChatResolver.resolveChat("BOB@example.com", conversations: conversations, users: bob)
                == .conversation("c3"))
    }

    @Test func exactConversationsNeedNoPeopleList() {
        #expect(ChatResolver.exactConversation("c3", conversations: conversations) == "c3")
        #expect(ChatResolver.exactConversation("bob stone", conversations: conversations) == "c3")
        #expect(ChatResolver.exactConversation("team", conversations: conversations) == "c1")
        #expect(ChatResolver.exactConversation("bob", conversations: conversations) == nil)
    }

    @Test func ambiguityListsTheCandidates() {
        do {
            _ = try chat("ada")
            Issue.record("expected ambiguity")
        } catch let failure as CLIFailure {
            #expect(failure.exitCode == 2)
            #expect(failure.message.contains("Ada Lovelace <ada@example.com> (u1)"))
            #expect(failure.message.contains("Adam Smith (u3)"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func anEMailWithoutAddressesInTheListSaysToUseTheName() {
        let withoutEmails = [Self.user("u2", "Bob Stone")]
        do {
            _ = try ChatResolver.resolveChat("bob@example.com", conversations: [], users: withoutEmails)
            Issue.record("expected no match")
        } catch let failure as CLIFailure {
            #expect(failure.exitCode == 8)
            #expect(failure.message.hasSuffix("use the name"), "\(failure.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func nothingMatches() {
        #expect(throws: CLIFailure.self) { try chat("zed") }
        do { _ = try chat("zed") } catch let failure as CLIFailure { #expect(failure.exitCode == 8) } catch {}
    }
}
