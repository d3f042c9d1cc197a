import DialogueRPC
import Foundation
import Testing

@testable import DialogueDaemon

/// The daemon end to end over its real Unix socket: lock state, status, accounts against a real server.
struct DaemonRPCTests {
    static let passphrase = "daemon test passphrase"

    @Test func statusWhileLockedHasEveryField() async throws {
        try await withTestDaemon(configText: "server = \"https://chat.example.org\"\n") { daemon in
            let status = try await daemon.call("daemon.status")
            #expect(status["version"] == "0.1.0")
            #expect(status["locked"] == true)
            #expect(status["account"] == .null)
            #expect(status["connection"]?["state"] == "offline")
            #expect(status["connection"]?["server"] == "https://chat.example.org")
            #expect(status["outboxPending"] == 0)
            #expect(status["cache"]?["messages"] == 0)
            #expect(status["cache"]?["conversations"] == 0)
            #expect(status["cache"]?["bytes"]?.integerValue != nil)
        }
    }

    static let storeMethods: [(String, JSONValue)] = [
        ("account.me", [:]),
        ("account.logout", [:]),
        (
            "account.signup",
            ["server": "http://127.0.0.1:1", "email": "a@b.example", "fullname": "A", "password": "pw123456"]
        ),
        ("account.login", ["server": "http://127.0.0.1:1", "email": "a@b.example", "password": "pw123456"]),
    ]

    @Test(arguments: storeMethods)
    func methodsNeedingTheStoreAnswerLockedWhileLocked(method: String, params: JSONValue) async throws {
        try await withTestDaemon { daemon in
            let error = try await daemon.callFailing(method, params)
            #expect(error.code.rawValue == -32001)
            #expect(error.reason == .locked)
        }
    }

    @Test func unlockCreatesTheStoreThenLockAndUnlockAgain() async throws {
        try await withTestDaemon { daemon in
            let created = try await daemon.call("daemon.unlock", ["passphrase": .string(Self.passphrase)])
            #expect(created["created"] == true)
            #expect(FileManager.default.fileExists(atPath: daemon.paths.keystore.path))
            let unlocked = try await daemon.call("daemon.status")
            #expect(unlocked["locked"] == false)
            #expect((unlocked["cache"]?["bytes"]?.integerValue ?? 0) > 0)
            #expect(unlocked["account"] == .null)

            let notSignedIn = try await daemon.callFailing("account.me")
            #expect(notSignedIn.code.rawValue == -32002)
            #expect(notSignedIn.reason == .notSignedIn)

            _ = try await daemon.call("daemon.lock")
            #expect(try await daemon.call("daemon.status")["locked"] == true)

            let wrong = try await daemon.callFailing("daemon.unlock", ["passphrase": "not the passphrase"])
            #expect(wrong.code.rawValue == -32001)
            #expect(wrong.message.contains("wrong"))

            let again = try await daemon.call("daemon.unlock", ["passphrase": .string(Self.passphrase)])
            #expect(again["created"] == false)
        }
    }

    @Test func setPassphraseOverTheSocket() async throws {
        try await withTestDaemon { daemon in
            _ = try await daemon.call("daemon.unlock", ["passphrase": .string(Self.passphrase)])
            _ = try await daemon.call("daemon.setPassphrase", ["old": .string(Self.passphrase), "new": "brand new"])
            _ = try await daemon.call("daemon.lock")
            #expect(
                try await daemon.callFailing("daemon.unlock", ["passphrase": .string(Self.passphrase)]).reason
                    == .locked)
            _ = try await daemon.call("daemon.unlock", ["passphrase": "brand new"])
            #expect(try await daemon.call("daemon.status")["locked"] == false)
        }
    }

    @Test func missingParamsAreInvalidParams() async throws {
        try await withTestDaemon { daemon in
            let error = try await daemon.callFailing("daemon.unlock", [:])
            #expect(error.code == .invalidParams)
        }
    }

    @Test func discoverDescribesExactlyTheServedMethods() async throws {
        try await withTestDaemon { daemon in
            let document = try await daemon.call("rpc.discover")
            #expect(document["openrpc"]?.stringValue?.hasPrefix("1.") == true)
            let names = Set(document["methods"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [])
            // The daemon serves the whole table, and the document describes exactly that.
            #expect(names == Set(LocalAPI.requests.map { $0.method }))
        }
    }

    @Test func signupAgainstARealServerThenMeStatusLogoutAndLogin() async throws {
        try await withTestServer { server in
            try await withTestDaemon { daemon in
                _ = try await daemon.call("daemon.unlock", ["passphrase": .string(Self.passphrase)])
                let signup: JSONValue = [
                    "server": .string(server.url.absoluteString), "email": "ada@example.org",
                    "fullname": "Ada Lovelace", "password": "analytical-engine", "bio": "first programmer",
                ]
                let account = try await daemon.call("account.signup", signup)
                #expect(account["email"] == "ada@example.org")
                #expect(account["fullname"] == "Ada Lovelace")
                #expect(account["token"] == nil)
                let id = try #require(account["id"]?.stringValue)

                let me = try await daemon.call("account.me")
                #expect(me["id"]?.stringValue == id)
                #expect(me["bio"] == "first programmer")

                // Signed in, the sync connection comes up by itself.
                try await eventually("the sync connection is online") {
                    try await daemon.call("daemon.status")["connection"]?["state"] == "online"
                }
                let status = try await daemon.call("daemon.status")
                #expect(status["account"]?["id"]?.stringValue == id)
                #expect(status["connection"]?["server"]?.stringValue == server.url.absoluteString)

                let again = try await daemon.callFailing("account.signup", signup)
                #expect(again.reason == .conflict)

                // The account survives a lock: it is sealed in the cache, not held only in memory.
                _ = try await daemon.call("daemon.lock")
                _ = try await daemon.call("daemon.unlock", ["passphrase": .string(Self.passphrase)])
                #expect(try await daemon.call("account.me")["id"]?.stringValue == id)

                _ = try await daemon.call("account.logout")
                #expect(try await daemon.callFailing("account.me").reason == .notSignedIn)

                let wrongPassword = try await daemon.callFailing(
                    "account.login",
                    ["server": .string(server.url.absoluteString), "email": "ada@example.org", "password": "nope-nope"])
                #expect(wrongPassword.reason == .forbidden)

                let login = try await daemon.call(
                    "account.login",
                    [
                        "server": .string(server.url.absoluteString), "email": "ada@example.org",
                        "password": "analytical-engine",
                    ])
                #expect(login["id"]?.stringValue == id)

                // Neither the passphrase, the password nor the token is on disk in the clear.
                let dataDirectory = daemon.paths.dataDirectory
                for file in try FileManager.default.contentsOfDirectory(atPath: dataDirectory.path) {
                    let bytes = try Data(contentsOf: dataDirectory.appendingPathComponent(file))
                    for secret in [Self.passphrase, "analytical-engine", "first programmer", "ada@example.org"] {
                        #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file) contains \(secret)")
                    }
                }
            }
        }
    }

    @Test func duplicateEmailAndBadInputMapToRPCReasons() async throws {
        try await withTestServer { server in
            try await withTestDaemon { daemon in
                _ = try await daemon.call("daemon.unlock", ["passphrase": .string(Self.passphrase)])
                let bad = try await daemon.callFailing(
                    "account.signup",
                    [
                        "server": .string(server.url.absoluteString), "email": "not-an-email", "fullname": "X",
                        "password": "long-enough-password",
                    ])
                #expect(bad.reason == .invalidInput)
                let badServer = try await daemon.callFailing(
                    "account.login", ["server": "ftp://example.org", "email": "a@b.example", "password": "x"])
                #expect(badServer.reason == .invalidInput)
            }
        }
    }

    @Test func theServersRateLimitIsRateLimitedWithRetryAfter() async throws {
        try await withTestServer { server in
            try await withTestDaemon { daemon in
                _ = try await daemon.call("daemon.unlock", ["passphrase": .string(Self.passphrase)])
                let login: JSONValue = [
                    "server": .string(server.url.absoluteString), "email": "nobody@example.org", "password": "guess",
                ]
                var last: RPCError?
                // The server allows 10 auth attempts per 15 minutes per address, then answers 429.
                for _ in 0..<11 { last = try await daemon.callFailing("account.login", login) }
                let error = try #require(last)
                #expect(error.code.rawValue == -32006)
                #expect(error.reason == .rateLimited)
                #expect((error.retryAfter ?? 0) > 0)
            }
        }
    }

    @Test func unreachableServerIsOffline() async throws {
        try await withTestDaemon { daemon in
            _ = try await daemon.call("daemon.unlock", ["passphrase": .string(Self.passphrase)])
            let error = try await daemon.callFailing(
                "account.login", ["server": "http://127.0.0.1:1", "email": "a@b.example", "password": "whatever"])
            #expect(error.code.rawValue == -32003)
            #expect(error.reason == .offline)
            let status = try await daemon.call("daemon.status")
            #expect(status["connection"]?["state"] == "offline")
            #expect(status["connection"]?["lastError"]?.stringValue != nil)
        }
    }

    @Test func keyFileDaemonUnlocksAtStart() async throws {
        let keys = try TestDirectory()
        defer { keys.remove() }
        let keyFile = keys.url.appendingPathComponent("store.key")
        _ = FileManager.default.createFile(
            atPath: keyFile.path, contents: Data((0..<32).map { UInt8($0) }), attributes: [.posixPermissions: 0o600])
        try await withTestDaemon(configText: "unlock = \"keyfile\"\nkeyFile = \"\(keyFile.path)\"\n") { daemon in
            #expect(try await daemon.call("daemon.status")["locked"] == false)
            let error = try await daemon.callFailing("daemon.setPassphrase", ["old": "a", "new": "b"])
            #expect(error.reason == .forbidden)
            _ = try await daemon.call("daemon.lock")
            #expect(try await daemon.call("daemon.status")["locked"] == true)
            _ = try await daemon.call("daemon.unlock", ["passphrase": "ignored in key-file mode"])
            #expect(try await daemon.call("daemon.status")["locked"] == false)
        }
    }

    @Test func keyFileDaemonRefusesToStartWithAReadableKeyFile() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let keyFile = directory.url.appendingPathComponent("store.key")
        _ = FileManager.default.createFile(
            atPath: keyFile.path, contents: Data((0..<32).map { UInt8($0) }), attributes: [.posixPermissions: 0o644])
        let error = await #expect(throws: DaemonError.self) {
            _ = try await TestDaemon.start(
                in: directory, configText: "unlock = \"keyfile\"\nkeyFile = \"\(keyFile.path)\"\n")
        }
        #expect(error?.code == .locked)
    }
}
