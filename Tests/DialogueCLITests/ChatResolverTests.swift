import DialogueRPC
import Testing

@testable import DialogueCLI

/// CHAT and USER arguments: ids, names, e-mails, ambiguity.
@Suite("CHAT resolution")
struct ChatResolverTests {
    let conversations: [JSONValue] = [
        ["id": "c1", "isGroup": true, "name": "Team"],
        ["id": "c2", "isGroup": true, "name": "Team Leads"],
        ["id": "c3", "isGroup": false, "name": "Bob Stone"],
    ]
    let users: [JSONValue] = [
        ["id": "u1", "fullname": "Ada Lovelace", "email": "ada@example.com"],
        ["id": "u2", "fullname": "Bob Stone"],
        ["id": "u3", "fullname": "Adam Smith"],
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
        let bob: [JSONValue] = [
            ["id": "u2", "fullname": "Bob Stone", "email": "bob@example.com", "conversationId": "c3"]
        ]
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
        let withoutEmails: [JSONValue] = [["id": "u2", "fullname": "Bob Stone"]]
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
