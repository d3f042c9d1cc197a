import DialogueProtocol
import Foundation
import Testing

@Suite("Messages: send, history, seen, edit, delete, react")
struct MessageTests {
    @Test(arguments: TestStore.allCases) func sendAndPageThroughHistory(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let ben = try await Fixtures.signup(server, name: "Ben")
            let direct = try await Fixtures.createDirect(ann, with: ben)
            var sent: [String] = []
            for index in 0..<7 {
                sent.append(try await Fixtures.send(index.isMultiple(of: 2) ? ann : ben, to: direct.id).id)
            }
            let newest = try await Fixtures.history(ben, direct.id, query: "?limit=3")
            #expect(newest.messages.map(\.id) == Array(sent[4...]))
            let before = try #require(newest.nextBefore)
            let older = try await Fixtures.history(ben, direct.id, query: "?limit=3&before=\(before)")
            #expect(older.messages.map(\.id) == Array(sent[1...3]))
            let oldest = try await Fixtures.history(
                ben, direct.id, query: "?limit=3&before=\(try #require(older.nextBefore))")
            #expect(oldest.messages.map(\.id) == [sent[0]])
            #expect(oldest.nextBefore == nil)
            #expect(try await ben.api.get("/api/messages/\(direct.id)?limit=0").status == .badRequest)
            #expect(try await ben.api.get("/api/messages/\(direct.id)?limit=abc").status == .badRequest)

            let message = newest.messages[0]
            #expect(message.envelope == Fixtures.envelope("hello"))
            #expect(message.epoch == 0)
            #expect(!message.deleted)
        }
    }

    @Test(arguments: TestStore.allCases) func aRetryWithTheSameIdIsStoredOnce(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let ben = try await Fixtures.signup(server, name: "Ben")
            let direct = try await Fixtures.createDirect(ann, with: ben)
            let id = Fixtures.uniqueId("msg")
            let first = try await Fixtures.sendRaw(ann, to: direct.id, id: id)
            let second = try await Fixtures.sendRaw(ann, to: direct.id, id: id)
            #expect(first.status == .created)
            #expect(second.status == .created)
            #expect(try first.decode(MessageResponse.self) == (try second.decode(MessageResponse.self)))
            #expect(try await Fixtures.history(ann, direct.id).messages.count == 1)
            // Someone else reusing the id is a conflict, not a silent overwrite.
            let stolen = try await Fixtures.sendRaw(ben, to: direct.id, id: id)
            #expect(stolen.status == .conflict)
        }
    }

    @Test(arguments: TestStore.allCases) func sendRules(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let ben = try await Fixtures.signup(server, name: "Ben")
            let eve = try await Fixtures.signup(server, name: "Eve")
            let direct = try await Fixtures.createDirect(ann, with: ben)
            #expect(try await Fixtures.sendRaw(eve, to: direct.id).status == .notFound)
            #expect(try await Fixtures.sendRaw(ann, to: direct.id, epoch: 5).code == "stale_epoch")
            #expect(try await Fixtures.sendRaw(ann, to: direct.id, id: "x").status == .badRequest)
            let huge = try await ann.api.send(
                .post,
                "/api/messages/send/\(direct.id)",
                json: SendMessageRequest(
                    id: Fixtures.uniqueId(),
                    deviceId: ann.deviceId,
                    epoch: 0,
                    envelope: Bytes(Data(count: 64 * 1024 + 1))
                )
            )
            #expect(huge.status == .contentTooLarge)
            let empty = try await ann.api.send(
                .post,
                "/api/messages/send/\(direct.id)",
                json: SendMessageRequest(
                    id: Fixtures.uniqueId(), deviceId: ann.deviceId, epoch: 0, envelope: Bytes(Data()))
            )
            #expect(empty.status == .badRequest)
            let wrongType = try await ann.api.request(
                .post,
                "/api/messages/send/\(direct.id)",
                body: Data(#"{"id":"abcdefgh","deviceId":"device-1","epoch":"zero","envelope":"AAAA"}"#.utf8)
            )
            #expect(wrongType.status == .badRequest)
            #expect(try wrongType.decode(ErrorResponse.self).message.contains("epoch"))
            let badBase64 = try await ann.api.request(
                .post,
                "/api/messages/send/\(direct.id)",
                body: Data(#"{"id":"abcdefgh","deviceId":"device-1","epoch":0,"envelope":"!!"}"#.utf8)
            )
            #expect(badBase64.status == .badRequest)
            // A blob someone else uploaded cannot be attached.
            let evesBlob = try await Fixtures.uploadBlob(eve)
            #expect(try await Fixtures.sendRaw(ann, to: direct.id, blobIds: [evesBlob.id]).status == .notFound)
        }
    }

    @Test(arguments: TestStore.allCases) func staleEpochAfterARemovalIsRefused(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let admin = try await Fixtures.signup(server, name: "Admin")
            let bea = try await Fixtures.signup(server, name: "Bea")
            let cal = try await Fixtures.signup(server, name: "Cal")
            let group = try await Fixtures.createGroup(admin, members: [bea, cal])
            _ = try await Fixtures.send(bea, to: group.id, epoch: 0)
            let removal = try await admin.api.send(
                .put,
                "/api/conversations/remove-member",
                json: RemoveMemberRequest(
                    conversationId: group.id,
                    memberId: cal.id,
                    seq: 1,
                    deviceId: admin.deviceId,
                    op: Fixtures.envelope()
                )
            )
            #expect(removal.status == .ok)
            let stale = try await Fixtures.sendRaw(bea, to: group.id, epoch: 0)
            #expect(stale.status == .conflict)
            #expect(stale.code == "stale_epoch")
            _ = try await Fixtures.send(bea, to: group.id, epoch: 1)
            #expect(try await Fixtures.sendRaw(cal, to: group.id, epoch: 1).status == .notFound)
        }
    }

    @Test(arguments: TestStore.allCases) func editRules(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let ben = try await Fixtures.signup(server, name: "Ben")
            let direct = try await Fixtures.createDirect(ann, with: ben)
            let message = try await Fixtures.send(ann, to: direct.id)
            func edit(_ user: TestUser, _ id: String, eventId: String = Fixtures.uniqueId("edit")) async throws
                -> APIClient.Reply
            {
                try await user.api.send(
                    .put,
                    "/api/messages/edit/\(id)",
                    json: EventEnvelopeRequest(
                        id: eventId,
                        deviceId: user.deviceId,
                        epoch: 0,
                        envelope: Fixtures.envelope("edited")
                    )
                )
            }
            let byOther = try await edit(ben, message.id)
            #expect(byOther.status == .forbidden)
            #expect(byOther.code == "not_sender")

            let ok = try await edit(ann, message.id)
            #expect(ok.status == .ok)
            let edited = try ok.decode(MessageResponse.self).message
            #expect(edited.editEnvelope == Fixtures.envelope("edited"))
            #expect(edited.editedAt != nil)
            #expect(edited.envelope == message.envelope)

            server.clock.advance(by: 15 * 60 + 1)
            let late = try await edit(ann, message.id)
            #expect(late.status == .forbidden)
            #expect(late.code == "edit_window_passed")

            let blob = try await Fixtures.uploadBlob(ann)
            let withImage = try await Fixtures.send(ann, to: direct.id, blobIds: [blob.id])
            let imageEdit = try await edit(ann, withImage.id)
            #expect(imageEdit.status == .forbidden)
            #expect(imageEdit.code == "attachment_not_editable")
            #expect(try await edit(ann, "no-such-message").status == .notFound)
        }
    }

    @Test(arguments: TestStore.allCases) func deleteWipesContentAndBlobButKeepsTheRecord(store: TestStore) async throws
    {
        try await withTestServer(store: store) { server in
            let admin = try await Fixtures.signup(server, name: "Admin")
            let bea = try await Fixtures.signup(server, name: "Bea")
            let cal = try await Fixtures.signup(server, name: "Cal")
            let group = try await Fixtures.createGroup(admin, members: [bea, cal])
            let blob = try await Fixtures.uploadBlob(bea)
            let message = try await Fixtures.send(bea, to: group.id, blobIds: [blob.id])
            #expect(try await cal.api.get("/api/blobs/\(blob.id)").status == .ok)
            _ = try await cal.api.send(
                .put,
                "/api/messages/react/\(message.id)",
                json: EventEnvelopeRequest(
                    id: Fixtures.uniqueId("r"), deviceId: cal.deviceId, epoch: 0, envelope: Fixtures.envelope("👍"))
            )

            let byMember = try await cal.api.request(.delete, "/api/messages/delete/\(message.id)")
            #expect(byMember.status == .forbidden)

            let deleted = try await bea.api.request(.delete, "/api/messages/delete/\(message.id)")
            #expect(deleted.status == .ok, "\(deleted.text)")
            let record = try await Fixtures.history(cal, group.id).messages.first { $0.id == message.id }
            let kept = try #require(record)
            #expect(kept.deleted)
            #expect(kept.envelope == nil)
            #expect(kept.blobIds.isEmpty)
            #expect(kept.reactions.isEmpty)
            #expect(kept.deletedBy == bea.id)
            let gone = try await bea.api.get("/api/blobs/\(blob.id)")
            #expect(gone.status == .gone)

            // The group's admin may delete anyone's message, and a delete may carry a signed event.
            let other = try await Fixtures.send(cal, to: group.id)
            let moderated = try await admin.api.send(
                .delete,
                "/api/messages/delete/\(other.id)",
                json: EventEnvelopeRequest(
                    id: Fixtures.uniqueId("d"), deviceId: admin.deviceId, epoch: 0, envelope: Fixtures.envelope("del"))
            )
            #expect(moderated.status == .ok)
            #expect(try moderated.decode(MessageResponse.self).message.deleteEnvelope == Fixtures.envelope("del"))

            // The ciphertext is gone from the store itself, not just hidden.
            let marker = "wipe-marker-\(UUID().uuidString)"
            let secret = try await Fixtures.send(bea, to: group.id, text: marker)
            _ = try await bea.api.request(.delete, "/api/messages/delete/\(secret.id)")
            try await Task.sleep(for: .milliseconds(50))
            #expect(!(try await server.storeContains(marker)))
        }
    }

    @Test(arguments: TestStore.allCases) func reactionsAreStoredPerEvent(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let ben = try await Fixtures.signup(server, name: "Ben")
            let direct = try await Fixtures.createDirect(ann, with: ben)
            let message = try await Fixtures.send(ann, to: direct.id)
            let reactionId = Fixtures.uniqueId("r")
            let request = EventEnvelopeRequest(
                id: reactionId, deviceId: ben.deviceId, epoch: 0, envelope: Fixtures.envelope("+1"))
            let first = try await ben.api.send(.put, "/api/messages/react/\(message.id)", json: request)
            let retry = try await ben.api.send(.put, "/api/messages/react/\(message.id)", json: request)
            #expect(first.status == .ok)
            #expect(try first.decode(ReactionResponse.self) == (try retry.decode(ReactionResponse.self)))
            let toggleOff = EventEnvelopeRequest(
                id: Fixtures.uniqueId("r"),
                deviceId: ben.deviceId,
                epoch: 0,
                envelope: Fixtures.envelope("-1")
            )
            _ = try await ben.api.send(.put, "/api/messages/react/\(message.id)", json: toggleOff)
            let stored = try await Fixtures.history(ann, direct.id).messages[0].reactions
            #expect(stored.map(\.id) == [reactionId, toggleOff.id])
            #expect(stored.allSatisfy { $0.userId == ben.id })
            let missing = try await ben.api.send(
                .put,
                "/api/messages/react/nope-nope",
                json: EventEnvelopeRequest(
                    id: Fixtures.uniqueId("r"),
                    deviceId: ben.deviceId,
                    epoch: 0,
                    envelope: Fixtures.envelope("+1")
                )
            )
            #expect(missing.status == .notFound)
            // Reusing a reaction id on another message is a conflict, never an overwrite.
            let other = try await Fixtures.send(ann, to: direct.id)
            let reused = try await ben.api.send(.put, "/api/messages/react/\(other.id)", json: toggleOff)
            #expect(reused.status == .conflict)
        }
    }

    @Test(arguments: TestStore.allCases) func seenMarksAndUnreadCounts(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let ben = try await Fixtures.signup(server, name: "Ben")
            let cal = try await Fixtures.signup(server, name: "Cal")
            let direct = try await Fixtures.createDirect(ann, with: ben)
            let group = try await Fixtures.createGroup(cal, members: [ben])
            var fromAnn: [Message] = []
            for _ in 0..<4 { fromAnn.append(try await Fixtures.send(ann, to: direct.id)) }
            _ = try await Fixtures.send(ben, to: direct.id)
            _ = try await Fixtures.send(cal, to: group.id)
            _ = try await Fixtures.send(cal, to: group.id)

            func unread() async throws -> (sidebar: [String: Int], conversations: [String: Int]) {
                let users = try await ben.api.get("/api/messages/users").decode(UsersResponse.self).users
                let list = try await ben.api.get("/api/conversations/list").decode(ConversationsResponse.self)
                return (
                    Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0.unread) }),
                    Dictionary(uniqueKeysWithValues: list.conversations.map { ($0.id, $0.unread) })
                )
            }
            var counts = try await unread()
            #expect(counts.sidebar[ann.id] == 4)
            // One person by an address the caller knows (any case); an unknown one finds nobody.
            let byEmail = try await ben.api.get("/api/messages/users?email=\(ann.user.email.uppercased())")
                .decode(UsersResponse.self).users
            #expect(byEmail.map(\.id) == [ann.id])
            #expect(byEmail.first?.unread == 4)
            #expect(
                try await ben.api.get("/api/messages/users?email=nobody@example.org").decode(UsersResponse.self).users
                    .isEmpty)
            #expect(try await ben.api.get("/api/messages/users?email=not-an-address").status == .badRequest)
            #expect(counts.sidebar[cal.id] == 0)
            #expect(counts.conversations[direct.id] == 4)
            #expect(counts.conversations[group.id] == 2)

            let one = try await ben.api.request(.put, "/api/messages/mark/\(fromAnn[0].id)")
            #expect(try one.decode(SeenResponse.self).receipt.messageIds == [fromAnn[0].id])
            counts = try await unread()
            #expect(counts.sidebar[ann.id] == 3)

            let upTo = try await ben.api.send(
                .put, "/api/messages/mark/\(fromAnn[2].id)", json: MarkSeenRequest(upTo: true))
            #expect(try upTo.decode(SeenResponse.self).receipt.messageIds == [fromAnn[1].id, fromAnn[2].id])
            counts = try await unread()
            #expect(counts.sidebar[ann.id] == 1)
            #expect(counts.conversations[direct.id] == 1)

            // Ann sees who has seen her messages; marking your own message changes nothing.
            let history = try await Fixtures.history(ann, direct.id).messages
            #expect(history.filter { $0.seenBy == [ben.id] }.count == 3)
            let own = try await ann.api.request(.put, "/api/messages/mark/\(fromAnn[3].id)")
            #expect(try own.decode(SeenResponse.self).receipt.messageIds.isEmpty)
            let list = try await ben.api.get("/api/conversations/list").decode(ConversationsResponse.self).conversations
            #expect(list.first { $0.id == direct.id }?.lastMessage != nil)
            #expect(try await cal.api.request(.put, "/api/messages/mark/\(fromAnn[0].id)").status == .notFound)
        }
    }

    @Test(arguments: TestStore.allCases) func recentReturnsTheNewestThousandAcrossConversations(store: TestStore)
        async throws
    {
        try await withTestServer(store: store) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let ben = try await Fixtures.signup(server, name: "Ben")
            let cal = try await Fixtures.signup(server, name: "Cal")
            let direct = try await Fixtures.createDirect(ann, with: ben)
            let group = try await Fixtures.createGroup(cal, members: [ann])
            let outsider = try await Fixtures.createDirect(ben, with: cal)
            _ = try await Fixtures.send(ben, to: outsider.id)
            // 1010 messages, sent concurrently (the server group-commits them).
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                for worker in 0..<10 {
                    tasks.addTask {
                        for index in 0..<101 {
                            let target = (worker + index).isMultiple(of: 2) ? direct.id : group.id
                            let sender = target == direct.id ? ben : cal
                            _ = try await Fixtures.send(sender, to: target)
                        }
                    }
                }
                try await tasks.waitForAll()
            }
            let recent = try await ann.api.get("/api/messages/recent").decode(MessagesResponse.self).messages
            #expect(recent.count == 1000)
            #expect(Set(recent.map(\.conversationId)) == [direct.id, group.id])
            #expect(zip(recent, recent.dropFirst()).allSatisfy { $0.createdAt <= $1.createdAt })
        }
    }
}
