import DialogueCrypto
import DialogueProtocol
import DialogueTestSupport
import Foundation
import Testing

@testable import DialogueDaemon

/// The book of conversations alone, on real E2EE sessions: ops are verified before anything is
/// kept, a batch is all or none, members and admins come from the verified roster, and the cache
/// write carries the session's secrets.
@Suite struct ConversationBookTests {
    struct Group {
        let alice: SimulatedUser
        let bob: SimulatedUser
        let carol: SimulatedUser
        let directory: VerifiedDirectory
        let id: String
        let create: DialogueProtocol.ConversationOp

        init(kind: ConversationKind = .group) throws {
            alice = try SimulatedUser("alice")
            bob = try SimulatedUser("bob")
            carol = try SimulatedUser("carol")
            directory = try SimulatedUser.directory([alice, bob, carol])
            var members: [UserID: Role] = [alice.id: kind == .group ? .admin : .member, bob.id: .member]
            if kind == .group { members[carol.id] = .member }
            let (_, op) = try ConversationSession.create(
                kind: kind, members: members, keys: alice.device, directory: directory, nowMs: SimulatedUser.now)
            id = op.conversation.description
            create = Self.wire(op, id: id, author: alice)
        }

        static func wire(_ op: DialogueCrypto.ConversationOp, id: String, author: SimulatedUser)
            -> DialogueProtocol.ConversationOp
        {
            DialogueProtocol.ConversationOp(
                conversationId: id, seq: Int64(op.seq), type: .create, authorId: author.id.rawValue,
                authorDeviceId: author.device.deviceID.description, memberIds: [], role: nil, shareHistory: false,
                op: Bytes(Data(op.encoded)), createdAt: Date())
        }
    }

    @Test func aVerifiedOpIsKeptWithTheRosterItNames() throws {
        let group = try Group()
        var book = ConversationBook()
        let record = try book.apply([group.create], to: group.id, keys: group.bob.device, directory: group.directory)
        #expect(record.isGroup)
        #expect(!record.removed)
        #expect(record.ops.count == 1)
        #expect(Set(book.members(of: group.id)) == Set([group.alice, group.bob, group.carol].map(\.id.rawValue)))
        #expect(book.isAdmin(group.alice.id, in: group.id))
        #expect(!book.isAdmin(group.bob.id, in: group.id))
        #expect(book.activeCount == 1)
        // The same op again (a replay after reconnecting) is skipped, not appended twice.
        let again = try book.apply([group.create], to: group.id, keys: group.bob.device, directory: group.directory)
        #expect(again.ops.count == 1)
    }

    @Test func anOpThatDoesNotVerifyIsRefusedAndNothingIsKept() throws {
        let group = try Group()
        var forged = group.create
        var bytes = Array(forged.op.data)
        bytes[bytes.count - 1] ^= 0x01
        forged.op = Bytes(Data(bytes))
        var book = ConversationBook()
        let error = #expect(throws: DaemonError.self) {
            try book.apply([forged], to: group.id, keys: group.bob.device, directory: group.directory)
        }
        #expect(error?.code == .forbidden)
        #expect(book.records.isEmpty)
        #expect(book.sessions.isEmpty)
        #expect(throws: DaemonError.self) { try book.record(group.id) }
    }

    @Test func aDirectChatIsFoundByTheOtherPerson() throws {
        let direct = try Group(kind: .direct)
        var book = ConversationBook()
        let record = try book.apply(
            [direct.create], to: direct.id, keys: direct.bob.device, directory: direct.directory)
        #expect(!record.isGroup)
        #expect(book.direct(with: direct.alice.id.rawValue) == direct.id)
        #expect(book.direct(with: direct.carol.id.rawValue) == nil)
        #expect(book.directByUser(me: direct.bob.id.rawValue) == [direct.alice.id.rawValue: direct.id])
    }

    @Test func aMemberLeftOutOfTheRosterSeesTheConversationAsRemoved() throws {
        let direct = try Group(kind: .direct)
        var book = ConversationBook()
        let record = try book.apply(
            [direct.create], to: direct.id, keys: direct.carol.device, directory: direct.directory)
        #expect(record.removed)
        #expect(book.activeCount == 0)
    }

    @Test func theCacheWriteCarriesTheSessionsSecretsAndCounters() throws {
        let group = try Group()
        var book = ConversationBook()
        _ = try book.apply([group.create], to: group.id, keys: group.bob.device, directory: group.directory)
        let secrets = try #require(book.sessions[group.id]?.epochSecrets)
        #expect(!secrets.isEmpty)
        _ = try book.write(group.id)
        let record = try book.record(group.id)
        #expect(Set(record.epochSecrets.keys) == Set(secrets.keys))
        book.forget(group.id)
        #expect(book.records[group.id] == nil && book.sessions[group.id] == nil)
    }
}
