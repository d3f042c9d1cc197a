import DialogueRPC
import DialogueRPCTransport
import DialogueSchema
import Testing

@Suite("The typed local API and rpc.discover")
struct LocalAPITests {
    /// Every method name in spec/rpc.md, copied from the spec: the contract names.
    static let specMethods: Set<String> = [
        "rpc.discover", "daemon.status", "daemon.unlock", "daemon.lock", "daemon.setPassphrase",
        "events.subscribe", "events.unsubscribe",
        "account.signup", "account.login", "account.logout", "account.me", "account.updateProfile", "users.list",
        "conversations.list", "conversations.open", "conversations.createGroup", "conversations.addMembers",
        "conversations.removeMember", "conversations.leave", "conversations.update", "conversations.delete",
        "conversations.markRead", "conversations.setMuted",
        "messages.list", "messages.send", "messages.edit", "messages.delete", "messages.react", "messages.search",
        "typing.update", "presence.list",
        "security.safetyNumber", "security.verify", "devices.list", "devices.revoke",
        "bot.ask", "bot.history", "bot.clear",
    ]

    /// Methods we serve beyond the spec's minimum set (the spec invites additions, never renames).
    static let extensionMethods: Set<String> = ["daemon.reconnect", "bot.cancel", "devices.link"]
    static let extensionNotifications: Set<String> = ["device.linked", "device.linkExpired"]

    static let specNotifications: Set<String> = [
        "message.new", "message.edited", "message.deleted", "message.reaction", "message.state", "message.seen",
        "conversation.updated", "conversation.removed", "typing", "presence", "connection",
        "security.identityChanged", "bot.token", "bot.done",
    ]

    @Test("the API lists every method and notification of spec/rpc.md exactly once")
    func apiMatchesSpec() {
        let names = LocalAPI.requests.map { $0.method }
        #expect(Set(names).count == names.count)
        #expect(Set(names) == Self.specMethods.union(Self.extensionMethods))
        #expect(
            Set(LocalEvent.Kind.allCases.map(\.rawValue)) == Self.specNotifications.union(Self.extensionNotifications))
        for request in LocalAPI.requests {
            #expect(!request.summary.isEmpty, "\(request.method) has no summary")
        }
        for kind in LocalEvent.Kind.allCases {
            #expect(!kind.summary.isEmpty, "\(kind.rawValue) has no summary")
        }
    }

    /// Reflection throws for a type it cannot follow; the document would then say `any`.
    static func reflect<Request: LocalRequest>(_ request: Request.Type) throws -> (Schema, Schema) {
        (try SchemaReflector.schema(of: Request.self), try SchemaReflector.schema(of: Request.Response.self))
    }

    @Test("every request, result and notification type has a schema read off its Codable conformance")
    func everyTypeReflects() throws {
        for request in LocalAPI.requests {
            let (params, result) = try Self.reflect(request)
            guard case .object = params else {
                Issue.record("\(request.method): params are not an object")
                continue
            }
            #expect(result != .any || request.method == "rpc.discover", "\(request.method): result is untyped")
        }
        for kind in LocalEvent.Kind.allCases {
            guard case .object(let members) = try SchemaReflector.schema(of: kind.payload) else {
                Issue.record("\(kind.rawValue): params are not an object")
                continue
            }
            #expect(!members.isEmpty)
        }
    }

    @Test("params are named, typed and optional as their request types declare")
    func paramsFromTypes() throws {
        let search = LocalAPI.params(of: MessagesSearchRequest.self)
        #expect(search.map(\.name) == ["query", "scope", "conversationId", "limit"])
        #expect(search.map(\.required) == [true, false, false, false])
        #expect(search[1].schema.jsonSchema == ["type": "string", "enum": ["recent", "all"]])
        #expect(search[3].schema.jsonSchema == ["type": "integer"])
        let group = LocalAPI.params(of: ConversationsCreateGroupRequest.self)
        #expect(group[1].schema.jsonSchema == ["type": "array", "items": ["type": "string"]])
        #expect(LocalAPI.params(of: DaemonLockRequest.self).isEmpty)
        #expect(LocalAPI.params(of: DaemonSetPassphraseRequest.self).map(\.name) == ["old", "new"])
    }

    @Test("results are described member by member, enums with their values")
    func resultsFromTypes() throws {
        let message = try #require(MessagesSendRequest.responseSchema.jsonSchema.objectValue)
        let properties = try #require(message["properties"]?.objectValue)
        #expect(properties["state"] == ["type": "string", "enum": ["pending", "sent", "failed"]])
        #expect(properties["reactions"]?["items"]?["properties"]?["mine"] == ["type": "boolean"])
        #expect(properties["attachment"]?["properties"]?["size"] == ["type": "integer"])
        let required = Set(message["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        #expect(required.isSuperset(of: ["id", "conversationId", "senderId", "text", "createdAt", "state"]))
        #expect(!required.contains("editedAt") && !required.contains("attachment"))
        #expect(UsersListRequest.responseSchema.jsonSchema["type"] == "array")
        #expect(ConversationsRemoveMemberRequest.responseSchema.jsonSchema["oneOf"]?.arrayValue?.count == 2)
    }

    @Test("the OpenRPC document describes every method with its params")
    func openRPCDocument() throws {
        let document = LocalAPI.openRPCDocument(version: "0.1.0")
        #expect(document["openrpc"]?.stringValue?.hasPrefix("1.") == true)
        #expect(document["info"]?["version"] == "0.1.0")
        let methods = try #require(document["methods"]?.arrayValue)
        #expect(Set(methods.compactMap { $0["name"]?.stringValue }) == Self.specMethods.union(Self.extensionMethods))
        let unlock = try #require(methods.first { $0["name"] == "daemon.unlock" })
        #expect(unlock["params"] == [["name": "passphrase", "required": true, "schema": ["type": "string"]]])
        #expect(
            unlock["result"]?["schema"]
                == ["type": "object", "properties": ["created": ["type": "boolean"]], "required": ["created"]])
        let notifications = try #require(document["x-notifications"]?.arrayValue)
        #expect(notifications.count == Self.specNotifications.count + Self.extensionNotifications.count)
        let typing = try #require(notifications.first { $0["name"] == "typing" })
        #expect(
            typing["params"]?["schema"]?["properties"]?["userIds"] == ["type": "array", "items": ["type": "string"]])
        let errorCodes = document["components"]?["errors"]?.arrayValue?.compactMap { $0["code"]?.integerValue } ?? []
        #expect(Set(errorCodes) == Set([-32700, -32600, -32601, -32602, -32603] + Array(-32009 ... -32001)))
    }

    @Test("rpc.discover over the socket matches the router's real method table")
    func discoverMatchesRouter() async throws {
        let router = RPCRouter()
        router.registerDiscover(version: "test")
        for request in LocalAPI.requests where request.method != "rpc.discover" {
            router.register(request.method) { _, _ in [:] }
        }
        try await TestServer.with(router: router) { path in
            try await RPCClient.withConnection(socketPath: path) { client in
                let document = try await client.call("rpc.discover")
                let names = document["methods"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
                #expect(names.sorted() == router.methodNames)
                #expect(Set(router.methodNames) == Set(LocalAPI.requests.map { $0.method }))
            }
        }
    }

    @Test("a typed handler decodes its request and answers its own Response")
    func typedRoundTrip() async throws {
        let router = RPCRouter()
        router.register(MessagesEditRequest.self) { request, _ in
            MessageView(
                id: request.messageId, conversationId: "c", senderId: "u", text: request.text, reactions: [],
                createdAt: "2026-12-06T00:00:00.000Z", deleted: false, seen: false, state: .sent,
                editedAt: "2026-12-06T00:01:00.000Z")
        }
        try await TestServer.with(router: router) { path in
            try await RPCClient.withConnection(socketPath: path) { client in
                let view = try await client.call(MessagesEditRequest(messageId: "m1", text: "fixed"))
                #expect(view.id == "m1" && view.text == "fixed" && view.state == .sent)
                await #expect(throws: RPCError.self) {
                    _ = try await client.call("messages.edit", params: ["messageId": 7])
                }
            }
        }
    }
}
