import DialogueRPC
import Foundation
import Testing

/// Golden JSON for every request, result and notification of the local API: a renamed field, a
/// changed optional or a new `null` fails here before any front end sees it.
@Suite("The local API keeps its JSON")
struct LocalAPIGoldenTests {
    static let message = MessageView(
        id: "m1", conversationId: "c1", senderId: "u1", text: "hi",
        reactions: [ReactionView(emoji: "👍", count: 2, mine: true)],
        createdAt: "2026-12-06T10:00:00.000Z", deleted: false, seen: true, state: .sent, replyTo: "m0",
        editedAt: "2026-12-06T10:01:00.000Z",
        attachment: AttachmentView(
            size: 2048, mime: "image/jpeg", width: 640, height: 480, name: "cat.jpg", path: "/run/a.jpg"))
    static let plainMessage = MessageView(
        id: "m2", conversationId: "c1", senderId: "u2", text: "", reactions: [], createdAt: "2026-12-06T10:02:00.000Z",
        deleted: true, seen: false, state: .failed, failureReason: "rejected")
    static let conversation = ConversationView(
        id: "c1", isGroup: true, name: "Team", members: ["u1", "u2"], unread: 3, muted: false, removed: false,
        admin: "u1",
        lastMessage: plainMessage, avatarUrl: "file:///run/g.png")
    static let direct = ConversationView(
        id: "c2", isGroup: false, name: "Bo", members: ["u1", "u2"], unread: 0, muted: true, removed: false)
    static let account = AccountView(
        id: "u1", email: "a@example.org", fullname: "Ann", bio: "", server: "http://127.0.0.1:8080")
    static let device = DeviceView(id: "d1", current: true, canReceive: true)

    static let requests: [(any LocalRequest, String)] = [
        (RPCDiscoverRequest(), #"{}"#),
        (DaemonStatusRequest(), #"{}"#),
        (DaemonUnlockRequest(passphrase: "pw"), #"{"passphrase":"pw"}"#),
        (DaemonLockRequest(), #"{}"#),
        (DaemonSetPassphraseRequest(old: "a", new: "b"), #"{"new":"b","old":"a"}"#),
        (DaemonReconnectRequest(), #"{}"#),
        (EventsSubscribeRequest(types: ["message.new", "typing"]), #"{"types":["message.new","typing"]}"#),
        (EventsSubscribeRequest(), #"{}"#),
        (EventsUnsubscribeRequest(subscription: "sub-1"), #"{"subscription":"sub-1"}"#),
        (
            AccountSignupRequest(server: "http://s", email: "a@b.org", fullname: "A", password: "pw", bio: "hi"),
            #"{"bio":"hi","email":"a@b.org","fullname":"A","password":"pw","server":"http://s"}"#
        ),
        (
            AccountLoginRequest(server: "http://s", email: "a@b.org", password: "pw"),
            #"{"email":"a@b.org","password":"pw","server":"http://s"}"#
        ),
        (AccountLogoutRequest(), #"{}"#),
        (AccountMeRequest(), #"{}"#),
        (
            AccountUpdateProfileRequest(fullname: "B", avatarPath: "/tmp/me.png"),
            #"{"avatarPath":"/tmp/me.png","fullname":"B"}"#
        ),
        (UsersListRequest(query: "bo"), #"{"query":"bo"}"#),
        (ConversationsListRequest(filter: "unread"), #"{"filter":"unread"}"#),
        (ConversationsOpenRequest(userId: "u2"), #"{"userId":"u2"}"#),
        (
            ConversationsCreateGroupRequest(name: "Team", memberIds: ["u2", "u3"]),
            #"{"memberIds":["u2","u3"],"name":"Team"}"#
        ),
        (
            ConversationsAddMembersRequest(conversationId: "c1", memberIds: ["u4"]),
            #"{"conversationId":"c1","memberIds":["u4"]}"#
        ),
        (
            ConversationsRemoveMemberRequest(conversationId: "c1", memberId: "u4"),
            #"{"conversationId":"c1","memberId":"u4"}"#
        ),
        (ConversationsLeaveRequest(conversationId: "c1"), #"{"conversationId":"c1"}"#),
        (ConversationsUpdateRequest(conversationId: "c1", name: "Crew"), #"{"conversationId":"c1","name":"Crew"}"#),
        (ConversationsDeleteRequest(conversationId: "c1"), #"{"conversationId":"c1"}"#),
        (ConversationsMarkReadRequest(conversationId: "c1", upTo: "m1"), #"{"conversationId":"c1","upTo":"m1"}"#),
        (ConversationsSetMutedRequest(conversationId: "c1", muted: true), #"{"conversationId":"c1","muted":true}"#),
        (
            MessagesListRequest(conversationId: "c1", before: "m9", limit: 20),
            #"{"before":"m9","conversationId":"c1","limit":20}"#
        ),
        (
            MessagesSendRequest(conversationId: "c1", text: "hi", attachmentPath: "/tmp/cat.jpg", replyTo: "m0"),
            #"{"attachmentPath":"/tmp/cat.jpg","conversationId":"c1","replyTo":"m0","text":"hi"}"#
        ),
        (MessagesEditRequest(messageId: "m1", text: "fixed"), #"{"messageId":"m1","text":"fixed"}"#),
        (MessagesDeleteRequest(messageId: "m1"), #"{"messageId":"m1"}"#),
        (MessagesReactRequest(messageId: "m1", emoji: "👍"), #"{"emoji":"👍","messageId":"m1"}"#),
        (
            MessagesSearchRequest(query: "cat", scope: "all", conversationId: "c1", limit: 5),
            #"{"conversationId":"c1","limit":5,"query":"cat","scope":"all"}"#
        ),
        (TypingUpdateRequest(conversationId: "c1", typing: true), #"{"conversationId":"c1","typing":true}"#),
        (PresenceListRequest(), #"{}"#),
        (SecuritySafetyNumberRequest(userId: "u2"), #"{"userId":"u2"}"#),
        (SecurityVerifyRequest(userId: "u2", number: "12345"), #"{"number":"12345","userId":"u2"}"#),
        (DevicesListRequest(), #"{}"#),
        (DevicesRevokeRequest(deviceId: "d2"), #"{"deviceId":"d2"}"#),
        (DevicesLinkRequest(code: "ABCD1234"), #"{"code":"ABCD1234"}"#),
        (BotAskRequest(prompt: "Hello?"), #"{"prompt":"Hello?"}"#),
        (BotCancelRequest(requestId: "r1"), #"{"requestId":"r1"}"#),
        (BotHistoryRequest(), #"{}"#),
        (BotClearRequest(), #"{}"#),
    ]

    static let responses: [(any Codable & Sendable & Equatable, String)] = [
        (EmptyResult(), #"{}"#),
        (
            StatusView(
                version: "0.2.0", locked: false, account: account,
                connection: ConnectionView(
                    state: .offline, server: "http://127.0.0.1:8080", retryInSeconds: 2.5, lastError: "refused"),
                outboxPending: 1, cache: CacheStats(messages: 10, conversations: 2, bytes: 4096)),
            #"{"account":{"bio":"","email":"a@example.org","fullname":"Ann","id":"u1","server":"http://127.0.0.1:8080"},"cache":{"bytes":4096,"conversations":2,"messages":10},"connection":{"lastError":"refused","retryInSeconds":2.5,"server":"http://127.0.0.1:8080","state":"offline"},"locked":false,"outboxPending":1,"version":"0.2.0"}"#
        ),
        (
            StatusView(
                version: "0.2.0", locked: true, account: nil,
                connection: ConnectionView(state: .connecting, server: nil),
                outboxPending: 0, cache: CacheStats(messages: 0, conversations: 0, bytes: 0)),
            #"{"account":null,"cache":{"bytes":0,"conversations":0,"messages":0},"connection":{"server":null,"state":"connecting"},"locked":true,"outboxPending":0,"version":"0.2.0"}"#
        ),
        (UnlockResult(created: true), #"{"created":true}"#),
        (SubscriptionView(subscription: "sub-1"), #"{"subscription":"sub-1"}"#),
        (account, #"{"bio":"","email":"a@example.org","fullname":"Ann","id":"u1","server":"http://127.0.0.1:8080"}"#),
        (
            [
                UserView(id: "u2", fullname: "Bo", bio: "hey", online: false, lastSeen: nil, unread: 0),
                UserView(
                    id: "u3", fullname: "Cy", bio: "", online: true, lastSeen: "2026-12-06T09:00:00.000Z", unread: 2,
                    conversationId: "c2", email: "cy@example.org", avatarUrl: "file:///run/cy.png"),
            ],
            #"[{"bio":"hey","fullname":"Bo","id":"u2","lastSeen":null,"online":false,"unread":0},{"avatarUrl":"file:///run/cy.png","bio":"","conversationId":"c2","email":"cy@example.org","fullname":"Cy","id":"u3","lastSeen":"2026-12-06T09:00:00.000Z","online":true,"unread":2}]"#
        ),
        (
            [conversation, direct],
            #"[{"admin":"u1","avatarUrl":"file:///run/g.png","id":"c1","isGroup":true,"lastMessage":{"conversationId":"c1","createdAt":"2026-12-06T10:02:00.000Z","deleted":true,"failureReason":"rejected","id":"m2","reactions":[],"seen":false,"senderId":"u2","state":"failed","text":""},"members":["u1","u2"],"muted":false,"name":"Team","removed":false,"unread":3},{"id":"c2","isGroup":false,"members":["u1","u2"],"muted":true,"name":"Bo","removed":false,"unread":0}]"#
        ),
        (
            MemberRemovalResult.removed(direct),
            #"{"id":"c2","isGroup":false,"members":["u1","u2"],"muted":true,"name":"Bo","removed":false,"unread":0}"#
        ),
        (MemberRemovalResult.left, #"{}"#),
        (ReadStateView(conversationId: "c1", unread: 0), #"{"conversationId":"c1","unread":0}"#),
        (
            [message, plainMessage],
            #"[{"attachment":{"height":480,"mime":"image/jpeg","name":"cat.jpg","path":"/run/a.jpg","size":2048,"width":640},"conversationId":"c1","createdAt":"2026-12-06T10:00:00.000Z","deleted":false,"editedAt":"2026-12-06T10:01:00.000Z","id":"m1","reactions":[{"count":2,"emoji":"👍","mine":true}],"replyTo":"m0","seen":true,"senderId":"u1","state":"sent","text":"hi"},{"conversationId":"c1","createdAt":"2026-12-06T10:02:00.000Z","deleted":true,"failureReason":"rejected","id":"m2","reactions":[],"seen":false,"senderId":"u2","state":"failed","text":""}]"#
        ),
        (
            [SearchResultView(message: message, highlights: [[0, 2]])],
            #"[{"highlights":[[0,2]],"message":{"attachment":{"height":480,"mime":"image/jpeg","name":"cat.jpg","path":"/run/a.jpg","size":2048,"width":640},"conversationId":"c1","createdAt":"2026-12-06T10:00:00.000Z","deleted":false,"editedAt":"2026-12-06T10:01:00.000Z","id":"m1","reactions":[{"count":2,"emoji":"👍","mine":true}],"replyTo":"m0","seen":true,"senderId":"u1","state":"sent","text":"hi"}}]"#
        ),
        (
            [
                PresenceView(userId: "u2", online: true, lastSeen: "2026-12-06T09:00:00.000Z"),
                PresenceView(userId: "u3", online: false, lastSeen: nil),
            ],
            #"[{"lastSeen":"2026-12-06T09:00:00.000Z","online":true,"userId":"u2"},{"lastSeen":null,"online":false,"userId":"u3"}]"#
        ),
        (SafetyNumberView(number: "123456789012", verified: false), #"{"number":"123456789012","verified":false}"#),
        (VerificationView(verified: true), #"{"verified":true}"#),
        ([device], #"[{"canReceive":true,"current":true,"id":"d1"}]"#),
        (
            DeviceLinkResult(deviceId: "d3", code: "ABCD1234", expiresAt: "2026-12-06T10:10:00.000Z"),
            #"{"code":"ABCD1234","deviceId":"d3","expiresAt":"2026-12-06T10:10:00.000Z"}"#
        ),
        (
            DeviceLinkResult(deviceId: "d3", devices: [device]),
            #"{"deviceId":"d3","devices":[{"canReceive":true,"current":true,"id":"d1"}]}"#
        ),
        (BotAskResult(requestId: "r1"), #"{"requestId":"r1"}"#),
        (
            [BotTurnView(role: .user, text: "Hello?", createdAt: "2026-12-06T10:00:00.000Z")],
            #"[{"createdAt":"2026-12-06T10:00:00.000Z","role":"user","text":"Hello?"}]"#
        ),
    ]

    static let events: [(LocalEvent, String)] = [
        (
            .messageNew(message),
            #"{"attachment":{"height":480,"mime":"image/jpeg","name":"cat.jpg","path":"/run/a.jpg","size":2048,"width":640},"conversationId":"c1","createdAt":"2026-12-06T10:00:00.000Z","deleted":false,"editedAt":"2026-12-06T10:01:00.000Z","id":"m1","reactions":[{"count":2,"emoji":"👍","mine":true}],"replyTo":"m0","seen":true,"senderId":"u1","state":"sent","text":"hi"}"#
        ),
        (
            .messageEdited(message),
            #"{"attachment":{"height":480,"mime":"image/jpeg","name":"cat.jpg","path":"/run/a.jpg","size":2048,"width":640},"conversationId":"c1","createdAt":"2026-12-06T10:00:00.000Z","deleted":false,"editedAt":"2026-12-06T10:01:00.000Z","id":"m1","reactions":[{"count":2,"emoji":"👍","mine":true}],"replyTo":"m0","seen":true,"senderId":"u1","state":"sent","text":"hi"}"#
        ),
        (
            .messageDeleted(plainMessage),
            #"{"conversationId":"c1","createdAt":"2026-12-06T10:02:00.000Z","deleted":true,"failureReason":"rejected","id":"m2","reactions":[],"seen":false,"senderId":"u2","state":"failed","text":""}"#
        ),
        (
            .messageReaction(message),
            #"{"attachment":{"height":480,"mime":"image/jpeg","name":"cat.jpg","path":"/run/a.jpg","size":2048,"width":640},"conversationId":"c1","createdAt":"2026-12-06T10:00:00.000Z","deleted":false,"editedAt":"2026-12-06T10:01:00.000Z","id":"m1","reactions":[{"count":2,"emoji":"👍","mine":true}],"replyTo":"m0","seen":true,"senderId":"u1","state":"sent","text":"hi"}"#
        ),
        (
            .messageState(message),
            #"{"attachment":{"height":480,"mime":"image/jpeg","name":"cat.jpg","path":"/run/a.jpg","size":2048,"width":640},"conversationId":"c1","createdAt":"2026-12-06T10:00:00.000Z","deleted":false,"editedAt":"2026-12-06T10:01:00.000Z","id":"m1","reactions":[{"count":2,"emoji":"👍","mine":true}],"replyTo":"m0","seen":true,"senderId":"u1","state":"sent","text":"hi"}"#
        ),
        (
            .messageSeen(message),
            #"{"attachment":{"height":480,"mime":"image/jpeg","name":"cat.jpg","path":"/run/a.jpg","size":2048,"width":640},"conversationId":"c1","createdAt":"2026-12-06T10:00:00.000Z","deleted":false,"editedAt":"2026-12-06T10:01:00.000Z","id":"m1","reactions":[{"count":2,"emoji":"👍","mine":true}],"replyTo":"m0","seen":true,"senderId":"u1","state":"sent","text":"hi"}"#
        ),
        (
            .conversationUpdated(direct),
            #"{"id":"c2","isGroup":false,"members":["u1","u2"],"muted":true,"name":"Bo","removed":false,"unread":0}"#
        ),
        (.conversationRemoved(ConversationRemovedView(id: "c1")), #"{"conversationId":"c1","id":"c1"}"#),
        (.typing(TypingView(conversationId: "c1", userIds: ["u2"])), #"{"conversationId":"c1","userIds":["u2"]}"#),
        (
            .presence(PresenceView(userId: "u2", online: false, lastSeen: nil)),
            #"{"lastSeen":null,"online":false,"userId":"u2"}"#
        ),
        (
            .connection(ConnectionView(state: .online, server: "http://127.0.0.1:8080")),
            #"{"server":"http://127.0.0.1:8080","state":"online"}"#
        ),
        (.deviceLinked(DeviceLinkedView(deviceId: "d3", conversations: 4)), #"{"conversations":4,"deviceId":"d3"}"#),
        (.deviceLinkExpired(DeviceLinkExpiredView(deviceId: "d3")), #"{"deviceId":"d3"}"#),
        (
            .identityChanged(IdentityChangedView(userId: "u2", verified: true, blocked: true)),
            #"{"blocked":true,"userId":"u2","verified":true}"#
        ),
        (.botToken(BotTokenView(requestId: "r1", text: "Hel")), #"{"requestId":"r1","text":"Hel"}"#),
        (.botDone(BotDoneView(requestId: "r1", error: "cancelled")), #"{"error":"cancelled","requestId":"r1"}"#),
    ]

    static func roundTrip<Request: LocalRequest>(_ request: Request, golden: String) throws {
        #expect(try JSONValue(encoding: request).serialized() == golden, "\(Request.method)")
        #expect(try JSONValue(parsing: Data(golden.utf8)).decode(Request.self) == request, "\(Request.method)")
    }

    static func roundTrip<Value: Codable & Equatable>(_ value: Value, golden: String) throws {
        #expect(try JSONValue(encoding: value).serialized() == golden, "\(Value.self)")
        #expect(try JSONValue(parsing: Data(golden.utf8)).decode(Value.self) == value, "\(Value.self)")
    }

    @Test("every method's params")
    func requests() throws {
        #expect(Set(Self.requests.map { type(of: $0.0).method }) == Set(LocalAPI.requests.map { $0.method }))
        for (request, golden) in Self.requests {
            try Self.roundTrip(request, golden: golden)
        }
    }

    @Test("every result type, with its optional members present and absent")
    func responses() throws {
        for (response, golden) in Self.responses {
            try Self.roundTrip(response, golden: golden)
        }
    }

    @Test("every notification, typed both ways")
    func events() throws {
        #expect(Set(Self.events.map(\.0.kind)) == Set(LocalEvent.Kind.allCases))
        for (event, golden) in Self.events {
            #expect(try event.params().serialized() == golden, "\(event.method)")
            let notification = RPCNotification(method: event.method, params: try JSONValue(parsing: Data(golden.utf8)))
            #expect(try LocalEvent(notification) == event)
        }
        #expect(try LocalEvent(RPCNotification(method: "chat.future", params: [:])) == nil)
        #expect(throws: DecodingError.self) {
            _ = try LocalEvent(RPCNotification(method: "typing", params: ["conversationId": 1]))
        }
    }
}
