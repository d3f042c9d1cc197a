import DialogueProtocol
import Foundation
import Testing

@Suite("Conversations, groups and the op log")
struct ConversationTests {
    @Test(arguments: TestStore.allCases) func oneDirectConversationPerPair(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let ben = try await Fixtures.signup(server, name: "Ben")
            let direct = try await Fixtures.createDirect(ann, with: ben)
            #expect(!direct.isGroup)
            #expect(Set(direct.members.map(\.userId)) == [ann.id, ben.id])
            #expect(direct.admin == nil)

            // Either side asking again gets 409 and the existing conversation's id.
            for (from, to) in [(ann, ben), (ben, ann)] {
                let reply = try await from.api.send(
                    .post,
                    "/api/conversations/create",
                    json: CreateConversationRequest(
                        id: Fixtures.uniqueId("conv"),
                        isGroup: false,
                        participants: [to.id],
                        deviceId: from.deviceId,
                        op: Fixtures.envelope()
                    )
                )
                #expect(reply.status == .conflict)
                let error = try reply.decode(ErrorResponse.self)
                #expect(error.code == "conversation_exists")
                #expect(error.conversationId == direct.id)
            }
        }
    }

    @Test(arguments: TestStore.allCases) func createValidation(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let ben = try await Fixtures.signup(server, name: "Ben")
            let cy = try await Fixtures.signup(server, name: "Cy")
            func create(_ isGroup: Bool, _ participants: [String], id: String = Fixtures.uniqueId("c")) async throws
                -> APIClient.Reply
            {
                try await ann.api.send(
                    .post,
                    "/api/conversations/create",
                    json: CreateConversationRequest(
                        id: id,
                        isGroup: isGroup,
                        participants: participants,
                        deviceId: ann.deviceId,
                        op: Fixtures.envelope()
                    )
                )
            }
            #expect(try await create(false, [ben.id, cy.id]).status == .badRequest)
            #expect(try await create(false, []).status == .badRequest)
            #expect(try await create(true, []).status == .badRequest)
            #expect(try await create(true, ["no-such-user"]).status == .notFound)
            #expect(try await create(true, [ben.id], id: "bad id!").status == .badRequest)

            // Retrying the same create is answered like the first time; another author cannot reuse the id.
            let id = Fixtures.uniqueId("grp")
            let first = try await create(true, [ben.id], id: id)
            let again = try await create(true, [ben.id], id: id)
            #expect(first.status == .created)
            #expect(again.status == .created)
            let stolen = try await ben.api.send(
                .post,
                "/api/conversations/create",
                json: CreateConversationRequest(
                    id: id,
                    isGroup: true,
                    participants: [cy.id],
                    deviceId: ben.deviceId,
                    op: Fixtures.envelope()
                )
            )
            #expect(stolen.status == .conflict)
        }
    }

    @Test(arguments: TestStore.allCases) func groupAdminRules(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let admin = try await Fixtures.signup(server, name: "Admin")
            let bea = try await Fixtures.signup(server, name: "Bea")
            let cal = try await Fixtures.signup(server, name: "Cal")
            let dot = try await Fixtures.signup(server, name: "Dot")
            let group = try await Fixtures.createGroup(admin, members: [bea])
            #expect(group.isGroup)
            #expect(group.admin == admin.id)
            #expect(group.opSeq == 0)

            // A member who is not the admin cannot add or remove.
            let notAdminAdd = try await bea.api.send(
                .put,
                "/api/conversations/add-members",
                json: AddMembersRequest(
                    conversationId: group.id,
                    memberIds: [cal.id],
                    seq: 1,
                    deviceId: bea.deviceId,
                    op: Fixtures.envelope()
                )
            )
            #expect(notAdminAdd.status == .forbidden)
            #expect(notAdminAdd.code == "not_admin")

            let added = try await admin.api.send(
                .put,
                "/api/conversations/add-members",
                json: AddMembersRequest(
                    conversationId: group.id,
                    memberIds: [cal.id, dot.id],
                    seq: 1,
                    deviceId: admin.deviceId,
                    op: Fixtures.envelope(),
                    shareHistory: true
                )
            )
            #expect(added.status == .ok, "\(added.text)")
            let afterAdd = try added.decode(ConversationResponse.self).conversation
            #expect(Set(afterAdd.members.map(\.userId)) == [admin.id, bea.id, cal.id, dot.id])
            #expect(afterAdd.epoch == 1)

            // The op log is ordered: a stale seq is refused with the expected one.
            let stale = try await admin.api.send(
                .put,
                "/api/conversations/remove-member",
                json: RemoveMemberRequest(
                    conversationId: group.id,
                    memberId: dot.id,
                    seq: 1,
                    deviceId: admin.deviceId,
                    op: Fixtures.envelope()
                )
            )
            #expect(stale.status == .conflict)
            #expect(stale.code == "seq_conflict")

            let notAdminRemove = try await bea.api.send(
                .put,
                "/api/conversations/remove-member",
                json: RemoveMemberRequest(
                    conversationId: group.id,
                    memberId: cal.id,
                    seq: 2,
                    deviceId: bea.deviceId,
                    op: Fixtures.envelope()
                )
            )
            #expect(notAdminRemove.status == .forbidden)

            let removed = try await admin.api.send(
                .put,
                "/api/conversations/remove-member",
                json: RemoveMemberRequest(
                    conversationId: group.id,
                    memberId: dot.id,
                    seq: 2,
                    deviceId: admin.deviceId,
                    op: Fixtures.envelope()
                )
            )
            #expect(removed.status == .ok)
            // The removed member no longer sees the conversation.
            #expect(try await dot.api.get("/api/conversations/\(group.id)").status == .notFound)
            #expect(try await dot.api.get("/api/messages/\(group.id)").status == .notFound)

            // update-info is admin-only.
            let renameByMember = try await bea.api.send(
                .put,
                "/api/conversations/update-info",
                json: UpdateInfoRequest(
                    conversationId: group.id, seq: 3, deviceId: bea.deviceId, op: Fixtures.envelope())
            )
            #expect(renameByMember.status == .forbidden)
            let avatar = try await Fixtures.uploadBlob(admin)
            let rename = try await admin.api.send(
                .put,
                "/api/conversations/update-info",
                json: UpdateInfoRequest(
                    conversationId: group.id,
                    seq: 3,
                    deviceId: admin.deviceId,
                    op: Fixtures.envelope(),
                    avatarBlobId: avatar.id
                )
            )
            #expect(rename.status == .ok)
            #expect(try rename.decode(ConversationResponse.self).conversation.avatarBlobId == avatar.id)
            #expect(try await cal.api.get("/api/blobs/\(avatar.id)").status == .ok)

            let ops = try await cal.api.get("/api/conversations/\(group.id)/ops?since=0")
            let log = try ops.decode(OpsResponse.self).ops
            #expect(log.map(\.seq) == [0, 1, 2, 3])
            #expect(log.map(\.type) == [.create, .add, .remove, .rekey])
            #expect(log[1].shareHistory)
            #expect(log[2].memberIds == [dot.id])
            #expect(try await cal.api.get("/api/conversations/\(group.id)/ops?since=-1").status == .badRequest)

            // Only the admin deletes the group.
            let deleteByMember = try await bea.api.send(
                .delete,
                "/api/conversations/delete",
                json: DeleteConversationRequest(conversationId: group.id)
            )
            #expect(deleteByMember.status == .forbidden)
            let deleted = try await admin.api.send(
                .delete,
                "/api/conversations/delete",
                json: DeleteConversationRequest(conversationId: group.id)
            )
            #expect(deleted.status == .ok)
            #expect(try await bea.api.get("/api/conversations/\(group.id)").status == .notFound)
            #expect(try await cal.api.get("/api/blobs/\(avatar.id)").status != .ok)
        }
    }

    @Test(arguments: TestStore.allCases) func whenTheAdminLeavesTheLongestStandingMemberTakesOver(store: TestStore)
        async throws
    {
        try await withTestServer(store: store) { server in
            let admin = try await Fixtures.signup(server, name: "Admin")
            let early = try await Fixtures.signup(server, name: "Early")
            let late = try await Fixtures.signup(server, name: "Late")
            let group = try await Fixtures.createGroup(admin, members: [early])
            server.clock.advance(by: 60)
            _ = try await admin.api.send(
                .put,
                "/api/conversations/add-members",
                json: AddMembersRequest(
                    conversationId: group.id,
                    memberIds: [late.id],
                    seq: 1,
                    deviceId: admin.deviceId,
                    op: Fixtures.envelope()
                )
            )
            let left = try await admin.api.send(
                .put,
                "/api/conversations/remove-member",
                json: RemoveMemberRequest(
                    conversationId: group.id,
                    memberId: admin.id,
                    seq: 2,
                    deviceId: admin.deviceId,
                    op: Fixtures.envelope()
                )
            )
            #expect(left.status == .ok, "\(left.text)")
            let after = try await Fixtures.conversation(late, group.id)
            #expect(after.admin == early.id)
            #expect(Set(after.members.map(\.userId)) == [early.id, late.id])
            // A LEAVE does not start an epoch (the next sender must rekey).
            #expect(after.epoch == 1)
            #expect(after.opSeq == 2)
            #expect(try await admin.api.get("/api/conversations/\(group.id)").status == .notFound)
        }
    }

    @Test(arguments: TestStore.allCases) func directConversationsCannotGainOrLoseMembers(store: TestStore) async throws
    {
        try await withTestServer(store: store) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let ben = try await Fixtures.signup(server, name: "Ben")
            let cy = try await Fixtures.signup(server, name: "Cy")
            let direct = try await Fixtures.createDirect(ann, with: ben)
            let add = try await ann.api.send(
                .put,
                "/api/conversations/add-members",
                json: AddMembersRequest(
                    conversationId: direct.id,
                    memberIds: [cy.id],
                    seq: 1,
                    deviceId: ann.deviceId,
                    op: Fixtures.envelope()
                )
            )
            #expect(add.status == .forbidden)
            let delete = try await ann.api.send(
                .delete,
                "/api/conversations/delete",
                json: DeleteConversationRequest(conversationId: direct.id)
            )
            #expect(delete.status == .forbidden)
            // Outsiders cannot see it at all.
            #expect(try await cy.api.get("/api/conversations/\(direct.id)").status == .notFound)
        }
    }

    @Test(arguments: TestStore.allCases) func rekeyAndSetRoleThroughTheOpsRoute(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let admin = try await Fixtures.signup(server, name: "Admin")
            let bea = try await Fixtures.signup(server, name: "Bea")
            let group = try await Fixtures.createGroup(admin, members: [bea])
            let rekey = try await bea.api.send(
                .post,
                "/api/conversations/\(group.id)/ops",
                json: AppendOpRequest(seq: 1, type: .rekey, deviceId: bea.deviceId, op: Fixtures.envelope())
            )
            #expect(rekey.status == .ok)
            #expect(try rekey.decode(ConversationResponse.self).conversation.epoch == 1)
            let promoteByMember = try await bea.api.send(
                .post,
                "/api/conversations/\(group.id)/ops",
                json: AppendOpRequest(
                    seq: 2,
                    type: .setRole,
                    deviceId: bea.deviceId,
                    op: Fixtures.envelope(),
                    memberId: bea.id,
                    role: .admin
                )
            )
            #expect(promoteByMember.status == .forbidden)
            let promote = try await admin.api.send(
                .post,
                "/api/conversations/\(group.id)/ops",
                json: AppendOpRequest(
                    seq: 2,
                    type: .setRole,
                    deviceId: admin.deviceId,
                    op: Fixtures.envelope(),
                    memberId: bea.id,
                    role: .admin
                )
            )
            #expect(promote.status == .ok)
            let roles = try promote.decode(ConversationResponse.self).conversation.members
            #expect(roles.first { $0.userId == bea.id }?.role == .admin)
            let wrongType = try await admin.api.send(
                .post,
                "/api/conversations/\(group.id)/ops",
                json: AppendOpRequest(seq: 3, type: .add, deviceId: admin.deviceId, op: Fixtures.envelope())
            )
            #expect(wrongType.status == .badRequest)
        }
    }
}
