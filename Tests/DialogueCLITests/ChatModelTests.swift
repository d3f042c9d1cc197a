import DialogueRPC
import Foundation
import Testing

@testable import DialogueCLI

/// The chat's state machine: key sequences, answers and events in; state and calls out.
@Suite("Chat model")
struct ChatModelTests {
    typealias F = ChatFixture

    @Test func startSubscribesBeforeListing() {
        let effects = ChatModel().start()
        let methods = F.calls(effects).map(\.method)
        #expect(methods.first == "events.subscribe")
        #expect(methods.contains("conversations.list"))
        #expect(methods.contains("daemon.status"))
    }

    @Test func theListArrivesAndTheFirstConversationIsHighlighted() {
        let model = F.loaded()
        #expect(model.conversations.map(\.id) == ["c3", "c1"])
        #expect(model.selectedConversationID == "c3")
        #expect(model.openConversationID == nil)
        #expect(model.focus == .list)
        #expect(model.connection.state == "online")
        #expect(model.name(of: "u1") == "You")
        #expect(model.name(of: "u2") == "Bob Stone")
    }

    @Test func aConversationGivenOnTheCommandLineOpensWhenTheListArrives() {
        var model = ChatModel(open: "c1")
        let effects = model.reduce(.response(.conversations, .success(F.conversations)))
        let calls = F.calls(effects)
        #expect(calls.map(\.method) == ["messages.list", "conversations.markRead"])
        #expect(calls.first?.params["conversationId"] == "c1")
        #expect(model.openConversationID == "c1")
        #expect(model.focus == .composer)
        #expect(model.conversation("c1")?.unread == 0)
    }

    @Test func downThenEnterOpensTheGroupAndMarksItRead() {
        var model = F.loaded()
        let effects = F.press(&model, [.down, .enter])
        let calls = F.calls(effects)
        #expect(calls.map(\.method) == ["messages.list", "conversations.markRead"])
        #expect(calls.first?.params == ["conversationId": "c1", "limit": 50])
        #expect(model.openConversationID == "c1")
        #expect(model.focus == .composer)
        #expect(model.conversation("c1")?.unread == 0)
        #expect(model.messages["c1"] == nil)
    }

    @Test func typingReportsEachKeyPressAndEnterSends() {
        var model = F.open()
        let typing = F.press(&model, F.typed("hi"))
        let expectedTyping = ChatEffect.notify(
            method: "typing.update", params: ["conversationId": "c3", "typing": true])
        #expect(typing == [expectedTyping, expectedTyping])
        #expect(model.composer.text == "hi")
        let sent = F.press(&model, [.enter])
        #expect(sent.first == .notify(method: "typing.update", params: ["conversationId": "c3", "typing": false]))
        let calls = F.calls(sent)
        #expect(calls.map(\.method) == ["messages.send"])
        #expect(calls.first?.params == ["conversationId": "c3", "text": "hi"])
        #expect(model.composer.isEmpty)
        // A blank composer sends nothing.
        let blank = F.calls(F.press(&model, [.character(" "), .enter]))
        #expect(blank.isEmpty)
    }

    @Test func theSentMessageAndTheReplyAppearAndTheOpenChatStaysRead() {
        var model = F.open()
        _ = F.press(&model, F.typed("hello") + [.enter])
        let mine = F.message("s1", from: "u1", "hello", ago: 0, extra: ["state": "pending"])
        _ = model.reduce(
            .response(.send(conversationID: "c3", text: "hello", replyTo: nil), .success(mine)))
        #expect(model.openMessages.map(\.id) == ["m1", "m2", "s1"])
        #expect(model.openMessages.last?.state == "pending")
        _ = model.reduce(F.notification("typing", ["conversationId": "c3", "userIds": ["u2", "u1"]]))
        #expect(model.typingLine == "Bob Stone is typing...")
        let reply = F.message("r1", "Got it", ago: 0, extra: ["replyTo": "s1"])
        let effects = model.reduce(F.notification("message.new", reply))
        #expect(F.calls(effects).map(\.method) == ["conversations.markRead"])
        #expect(model.openMessages.map(\.id) == ["m1", "m2", "s1", "r1"])
        #expect(model.openMessages.last?.replyTo == "s1")
        // Bob sent it, so Bob is no longer typing.
        #expect(model.typingLine == nil)
        // The same message again (a retry, another device) is not duplicated.
        _ = model.reduce(F.notification("message.new", reply))
        #expect(model.openMessages.count == 4)
    }

    @Test func aMessageInAnotherConversationCountsAsUnreadAndMovesItToTheTop() {
        var model = F.open()
        let effects = model.reduce(
            F.notification("message.new", F.message("g2", in: "c1", from: "u3", "Lunch?", ago: 0)))
        #expect(effects.isEmpty)
        #expect(model.conversations.map(\.id) == ["c1", "c3"])
        #expect(model.conversation("c1")?.unread == 3)
        #expect(model.conversation("c1")?.lastMessage?.text == "Lunch?")
        // Own messages from another device never count as unread.
        _ = model.reduce(
            F.notification("message.new", F.message("g3", in: "c1", from: "u1", "Sure", ago: 0)))
        #expect(model.conversation("c1")?.unread == 3)
        // An unknown conversation makes the list reload.
        let unknown = model.reduce(
            F.notification("message.new", F.message("x1", in: "c9", from: "u2", "New group!", ago: 0)))
        #expect(F.calls(unknown).map(\.method) == ["conversations.list"])
    }

    @Test func replyQuotesTheChosenMessage() {
        var model = F.open()
        _ = F.press(&model, [.escape])
        #expect(model.focus == .messages)
        _ = F.press(&model, [.up, .character("r")])
        #expect(model.mode == .reply(messageID: "m1"))
        #expect(model.focus == .composer)
        let effects = F.press(&model, F.typed("yes") + [.enter])
        let send = F.calls(effects).first
        #expect(send?.params == ["conversationId": "c3", "text": "yes", "replyTo": "m1"])
        #expect(model.mode == .normal)
        // Escape cancels a reply without leaving the composer.
        _ = F.press(&model, [.escape, .character("r")])
        _ = F.press(&model, [.escape])
        #expect(model.mode == .normal)
        #expect(model.focus == .composer)
    }

    @Test func editFillsTheComposerWithOwnTextAndSavesWithEnter() {
        var model = F.open()
        _ = F.press(&model, [.escape, .character("e")])
        #expect(model.mode == .edit(messageID: "m2"))
        #expect(model.composer.text == "Yes, setting up the chat.")
        let effects = F.press(&model, [.control("u")] + F.typed("Fixed") + [.enter])
        // Editing is not typing a new message: no typing reports.
        #expect(effects.count == 1)
        let edit = F.calls(effects).first
        #expect(edit?.method == "messages.edit")
        #expect(edit?.params == ["messageId": "m2", "text": "Fixed"])
        let edited = F.message("m2", from: "u1", "Fixed", ago: 540, extra: ["editedAt": F.time(0)])
        _ = model.reduce(.response(.edit(messageID: "m2", text: "Fixed"), .success(edited)))
        #expect(model.openMessages.last?.text == "Fixed")
        #expect(model.openMessages.last?.edited == true)
    }

    @Test func othersMessagesCannotBeEditedOrDeleted() {
        var model = F.open()
        _ = F.press(&model, [.escape, .up])
        let edit = F.press(&model, [.character("e")])
        #expect(edit.isEmpty)
        #expect(model.mode == .normal)
        #expect(model.notice?.text == "You can only edit your own messages.")
        _ = F.press(&model, [.character("d")])
        #expect(model.notice?.text == "You can only delete your own messages.")
    }

    @Test func deleteAsksFirst() {
        var model = F.open()
        _ = F.press(&model, [.escape, .character("d")])
        #expect(model.mode == .confirmDelete(messageID: "m2"))
        #expect(F.press(&model, [.character("n")]).isEmpty)
        #expect(model.mode == .normal)
        let effects = F.press(&model, [.character("d"), .character("y")])
        #expect(F.calls(effects).map(\.params) == [["messageId": "m2"]])
        #expect(F.calls(effects).map(\.method) == ["messages.delete"])
        let deleted = F.message("m2", from: "u1", "", ago: 540, extra: ["deleted": true])
        _ = model.reduce(F.notification("message.deleted", deleted))
        #expect(model.openMessages.last?.deleted == true)
        #expect(model.conversation("c3")?.lastMessage?.preview == "message deleted")
    }

    @Test func thePickerReactsWithAQuickReaction() {
        var model = F.open()
        _ = F.press(&model, [.escape, .up, .character("+")])
        #expect(model.mode == .react(messageID: "m1", choice: 0))
        _ = F.press(&model, [.right, .right])
        #expect(model.mode == .react(messageID: "m1", choice: 2))
        let effects = F.press(&model, [.enter])
        #expect(F.calls(effects).map(\.params) == [["messageId": "m1", "emoji": "😂"]])
        #expect(model.mode == .normal)
        let byNumber = F.press(&model, [.character("+"), .character("2")])
        #expect(F.calls(byNumber).first?.params["emoji"] == "❤️")
        let cancelled = F.press(&model, [.character("+"), .escape])
        #expect(cancelled.isEmpty)
        #expect(model.mode == .normal)
        let reacted = F.message(
            "m1", "Hi Ada, are you there?", ago: 600,
            extra: ["reactions": [["emoji": "😂", "count": 2, "mine": true]]])
        _ = model.reduce(F.notification("message.reaction", reacted))
        #expect(model.openMessages.first?.reactions == [.init(emoji: "😂", count: 2, mine: true)])
    }

    @Test func searchRunsAtTheDaemonAndOpensTheChosenHit() {
        var model = F.open()
        _ = F.press(&model, [.escape, .character("/")])
        guard case .search = model.mode else {
            Issue.record("not searching: \(model.mode)")
            return
        }
        let effects = F.press(&model, F.typed("standup") + [.enter])
        let search = F.calls(effects).first
        #expect(search?.method == "messages.search")
        #expect(search?.params == ["query": "standup", "limit": 50])
        let hit = F.message("g1", in: "c1", from: "u3", "Standup moved to 10:00", ago: 3600)
        _ = model.reduce(
            .response(.search(query: "standup"), .success([["message": hit, "highlights": [[0, 7]]]])))
        guard case .search(let results) = model.mode else {
            Issue.record("search closed: \(model.mode)")
            return
        }
        #expect(results.results.map(\.id) == ["g1"])
        let opened = F.press(&model, [.enter])
        #expect(F.calls(opened).first?.params["conversationId"] == "c1")
        #expect(model.openConversationID == "c1")
        #expect(model.selectedMessageID == "g1")
        #expect(model.mode == .normal)
        #expect(model.focus == .messages)
    }

    @Test func withoutDaemonSearchTheLoadedMessagesAreSearched() {
        var model = F.open()
        _ = F.press(&model, [.escape, .character("/")] + F.typed("ADA") + [.enter])
        _ = model.reduce(
            .response(
                .search(query: "ADA"), .failure(ChatFailure(message: "not supported", methodNotFound: true))))
        guard case .search(let search) = model.mode else {
            Issue.record("search closed")
            return
        }
        #expect(search.results.map(\.id) == ["m1"])
    }

    @Test func theAssistantStreamsAnAnswerToAStarterPrompt() {
        var model = F.open()
        let opened = F.press(&model, [.escape, .character("a")])
        #expect(model.mode == .assistant)
        #expect(F.calls(opened).map(\.method) == ["bot.history"])
        _ = model.reduce(.response(.botHistory, .success([])))
        let asked = F.press(&model, [.character("1")])
        #expect(F.calls(asked).map(\.params) == [["prompt": .string(ChatAssistant.starters[0])]])
        #expect(model.assistant.isAnswering)
        // A token may overtake the answer that says which request it belongs to.
        _ = model.reduce(F.notification("bot.token", ["requestId": "r9", "text": "Keys stay "]))
        _ = model.reduce(.response(.ask(prompt: ChatAssistant.starters[0]), .success(["requestId": "r9"])))
        _ = model.reduce(F.notification("bot.token", ["requestId": "r9", "text": "on your devices."]))
        #expect(model.assistant.turns.last?.text == "Keys stay on your devices.")
        #expect(model.assistant.isAnswering)
        _ = model.reduce(F.notification("bot.token", ["requestId": "other", "text": "noise"]))
        _ = model.reduce(F.notification("bot.done", ["requestId": "r9"]))
        #expect(!model.assistant.isAnswering)
        #expect(model.assistant.turns.map(\.fromUser) == [true, false])
        #expect(model.assistant.turns.last?.text == "Keys stay on your devices.")
        // After the first answer, digits are text.
        _ = F.press(&model, F.typed("2 more") + [.enter])
        #expect(model.assistant.turns.count == 4)
        _ = model.reduce(.response(.ask(prompt: "2 more"), .success(["requestId": "r10"])))
        _ = model.reduce(F.notification("bot.done", ["requestId": "r10", "error": "rate limited"]))
        #expect(model.assistant.turns.last?.failed == true)
        #expect(model.assistant.turns.last?.text == "The assistant could not answer: rate limited.")
        _ = F.press(&model, [.escape])
        #expect(model.mode == .normal)
    }

    @Test func qQuitsOutsideTheComposerAndCtrlCEverywhere() {
        var model = F.open()
        let typed = F.press(&model, [.character("q")])
        #expect(!typed.contains(.quit))
        #expect(model.composer.text == "q")
        #expect(model.exit == nil)
        var inList = F.loaded()
        #expect(F.press(&inList, [.character("q")]) == [.quit])
        #expect(inList.exit == .user)
        #expect(F.press(&model, [.control("c")]) == [.quit])
        #expect(model.exit == .user)
    }

    @Test func theDaemonGoingAwayEndsTheChat() {
        var model = F.open()
        #expect(model.reduce(.daemonClosed) == [.quit])
        #expect(model.exit == .daemonClosed)
    }

    @Test func connectionPresenceAndTypingFollowEvents() {
        var model = F.open()
        _ = model.reduce(
            F.notification("connection", ["state": "offline", "retryInSeconds": 4.2]))
        #expect(model.connection == ChatConnection(state: "offline", retryInSeconds: 5))
        _ = model.reduce(
            F.notification("presence", ["userId": "u2", "online": false, "lastSeen": F.time(60)]))
        #expect(model.presence["u2"]?.online == false)
        _ = model.reduce(F.notification("typing", ["conversationId": "c3", "userIds": ["u2", "u3"]]))
        #expect(model.typingLine == "Bob Stone, Cleo Park are typing...")
        _ = model.reduce(F.notification("typing", ["conversationId": "c3", "userIds": []]))
        #expect(model.typingLine == nil)
    }

    @Test func aRemovedOpenConversationCloses() {
        var model = F.open()
        _ = F.press(&model, [.escape, .character("r")])
        _ = model.reduce(F.notification("conversation.removed", ["id": "c3", "conversationId": "c3"]))
        #expect(model.openConversationID == nil)
        #expect(model.conversations.map(\.id) == ["c1"])
        #expect(model.selectedConversationID == "c1")
        #expect(model.focus == .list)
        #expect(model.mode == .normal)
        #expect(model.notice?.text == "Bob Stone is no longer available.")
    }

    @Test func aFailedSendGivesTheTextBack() {
        var model = F.open()
        _ = F.press(&model, F.typed("too long") + [.enter])
        _ = model.reduce(
            .response(
                .send(conversationID: "c3", text: "too long", replyTo: nil),
                .failure(ChatFailure(message: "invalid input: message too long"))))
        #expect(model.composer.text == "too long")
        #expect(model.notice == ChatNotice(text: "Not sent: invalid input: message too long.", isError: true))
        // The next key clears the notice.
        _ = F.press(&model, [.end])
        #expect(model.notice == nil)
    }

    @Test func upAtTheOldestMessageLoadsTheOlderPage() {
        var model = F.loaded()
        _ = F.press(&model, [.enter])
        let page = JSONValue.array(
            (0..<ChatModel.pageSize).map { F.message("p\($0)", "text \($0)", ago: Double(5000 - $0)) })
        _ = model.reduce(.response(.messages(conversationID: "c3", older: false), .success(page)))
        _ = F.press(&model, [.escape, .home])
        #expect(model.selectedMessageID == "p0")
        let effects = F.press(&model, [.up])
        #expect(F.calls(effects).map(\.params) == [["conversationId": "c3", "before": "p0", "limit": 50]])
        // Only one older page at a time.
        #expect(F.press(&model, [.up]).isEmpty)
        let older = JSONValue.array([F.message("o1", "older", ago: 9000)])
        _ = model.reduce(.response(.messages(conversationID: "c3", older: true), .success(older)))
        #expect(model.openMessages.first?.id == "o1")
        #expect(model.openMessages.count == ChatModel.pageSize + 1)
        #expect(model.historyComplete.contains("c3"))
    }

    @Test func tabCyclesTheFocus() {
        var model = F.open()
        #expect(model.focus == .composer)
        _ = F.press(&model, [.tab])
        #expect(model.focus == .list)
        _ = F.press(&model, [.tab])
        #expect(model.focus == .messages)
        _ = F.press(&model, [.tab])
        #expect(model.focus == .composer)
        _ = F.press(&model, [.backTab])
        #expect(model.focus == .messages)
        _ = F.press(&model, [.character("?")])
        #expect(model.showsHelp)
        // Any key closes the help and does nothing else.
        #expect(F.press(&model, [.character("q")]).isEmpty)
        #expect(!model.showsHelp)
    }

    /// Answers and events are read as the daemon's typed objects: one without its shape is told,
    /// and a send whose answer cannot be read gives its text back.
    @Test func anAnswerOrEventWithoutItsShapeIsToldAndLosesNothing() {
        var model = F.open()
        #expect(F.notification("message.new", ["id": "m9"]) == .unreadableNotification(method: "message.new"))
        _ = model.reduce(F.notification("message.new", ["id": "m9"]))
        #expect(model.notice?.isError == true)
        #expect(model.messages["c3"]?.contains { $0.id == "m9" } == false)
        _ = model.reduce(
            .response(.send(conversationID: "c3", text: "keep me", replyTo: nil), .success(["id": "only"])))
        #expect(model.composer.text == "keep me")
        #expect(model.notice?.text.contains("could not be read") == true)
    }
}
