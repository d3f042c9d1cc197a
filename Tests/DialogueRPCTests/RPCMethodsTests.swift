import DialogueRPC
import DialogueRPCTransport
import Testing

@Suite("Method table and rpc.discover")
struct RPCMethodsTests {
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

    @Test("the table lists every method and notification of spec/rpc.md exactly once")
    func tableMatchesSpec() {
        let names = RPCMethods.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(Set(names) == Self.specMethods.union(Self.extensionMethods))
        let notifications = RPCMethods.notifications.map(\.name)
        #expect(Set(notifications).count == notifications.count)
        #expect(Set(notifications) == Self.specNotifications.union(Self.extensionNotifications))
        for method in RPCMethods.all {
            #expect(!method.summary.isEmpty, "\(method.name) has no summary")
        }
    }

    @Test("params notation parses into named, typed, optional params")
    func paramsNotation() throws {
        let search = try #require(RPCMethods.method(named: "messages.search"))
        #expect(search.params.map(\.name) == ["query", "scope", "conversationId", "limit"])
        #expect(search.params.map(\.required) == [true, false, false, false])
        #expect(search.params[1].schema == ["type": "string", "enum": ["recent", "all"]])
        #expect(search.params[3].schema == ["type": "integer"])
        let group = try #require(RPCMethods.method(named: "conversations.createGroup"))
        #expect(group.params[1].schema == ["type": "array", "items": ["type": "string"]])
        #expect(try #require(RPCMethods.method(named: "daemon.lock")).params.isEmpty)
    }

    @Test("the OpenRPC document describes every method with its params")
    func openRPCDocument() throws {
        let document = RPCMethods.openRPCDocument(version: "0.1.0")
        #expect(document["openrpc"]?.stringValue?.hasPrefix("1.") == true)
        #expect(document["info"]?["version"] == "0.1.0")
        let methods = try #require(document["methods"]?.arrayValue)
        #expect(Set(methods.compactMap { $0["name"]?.stringValue }) == Self.specMethods.union(Self.extensionMethods))
        let unlock = try #require(methods.first { $0["name"] == "daemon.unlock" })
        #expect(unlock["params"] == [["name": "passphrase", "required": true, "schema": ["type": "string"]]])
        #expect(unlock["result"]?["schema"] != nil)
        #expect(
            document["x-notifications"]?.arrayValue?.count
                == Self.specNotifications.count + Self.extensionNotifications.count)
        let errorCodes = document["components"]?["errors"]?.arrayValue?.compactMap { $0["code"]?.integerValue } ?? []
        #expect(Set(errorCodes) == Set([-32700, -32600, -32601, -32602, -32603] + Array(-32009 ... -32001)))
    }

    @Test("rpc.discover over the socket matches the router's real method table")
    func discoverMatchesRouter() async throws {
        let router = RPCRouter()
        router.registerDiscover(version: "test")
        for method in RPCMethods.all where method.name != "rpc.discover" {
            router.register(method.name) { _, _ in [:] }
        }
        try await TestServer.with(router: router) { path in
            try await RPCClient.withConnection(socketPath: path) { client in
                let document = try await client.call("rpc.discover")
                let names = document["methods"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
                #expect(names.sorted() == router.methodNames)
                #expect(Set(router.methodNames) == Set(RPCMethods.all.map(\.name)))
                for method in document["methods"]?.arrayValue ?? [] {
                    #expect(method["summary"]?.stringValue?.isEmpty == false, "undocumented: \(method.serialized())")
                }
            }
        }
    }
}
