import AsyncHTTPClient
import DialogueCrypto
import DialogueProtocol
import DialogueRPC
import DialogueStore
import DialogueSync
import DialogueTestSupport
import Foundation
import Testing

@testable import DialogueDaemon

/// A second device of one account, linked through the code it shows (e2ee design notes §2.5),
/// with real daemons on real sockets against one real server that also tries to cheat.
@Suite(.timeLimit(.minutes(3)))
struct LinkingEndToEndTests {
    static let passphrase = "correct horse battery staple"

    @Test func aNewDeviceLinkedWithTheCodeReadsTheHistoryAndSpeaksForTheAccount() async throws {
        try await withChatUsers(["Ada", "Grace"]) { server, users in
            let (ada, grace) = (users[0], users[1])
            let chatId = try #require(
                try await ada.call("conversations.open", ["userId": .string(grace.id)])["id"]?.stringValue)
            let groupId = try #require(
                try await ada.call("conversations.createGroup", ["name": "Team", "memberIds": [.string(grace.id)]])[
                    "id"]?.stringValue)
            let before = try await ada.call(
                "messages.send", ["conversationId": .string(chatId), "text": "before the link, marker-linked"])
            let beforeId = try #require(before["id"]?.stringValue)
            _ = try await grace.watcher.wait(for: "message.new") { $0["id"]?.stringValue == beforeId }
            let reply = try await grace.call(
                "messages.send", ["conversationId": .string(groupId), "text": "Grace in Team"])
            let replyId = try #require(reply["id"]?.stringValue)
            _ = try await ada.watcher.wait(for: "message.new") { $0["id"]?.stringValue == replyId }

            // Ada's laptop: a fresh data directory, signed in to the same account.
            let laptopDirectory = try TestDirectory()
            defer { laptopDirectory.remove() }
            let laptop = try await TestDaemon.start(in: laptopDirectory)
            let laptopWatcher: EventWatcher
            do {
                _ = try await laptop.call("daemon.unlock", ["passphrase": .string(Self.passphrase)])
                let login = try await laptop.call(
                    "account.login",
                    [
                        "server": .string(server.url.absoluteString), "email": "ada@example.org",
                        "password": "password-Ada",
                    ])
                #expect(login["id"]?.stringValue == ada.id)
                #expect(login["needsLink"] == true)
                let status = try await laptop.call("daemon.status")
                #expect(status["account"]?["id"]?.stringValue == ada.id)
                #expect(status["account"]?["needsLink"] == true)
                #expect(try await laptop.call("account.me")["needsLink"] == true)
                // Until it is linked it has nothing to read, and says why.
                let unlinked = try await laptop.callFailing("conversations.list")
                #expect(unlinked.reason == .forbidden)
                #expect(unlinked.message.contains("dialogue link"))
                #expect(try await laptop.callFailing("devices.link", ["code": "x"]).reason == .forbidden)
                // The phone, already linked, has no code to show.
                #expect(try await ada.callFailing("devices.link").reason == .invalidInput)
                laptopWatcher = try await EventWatcher(socket: laptop.paths.socket.path)
            } catch {
                await laptop.stop()
                throw error
            }
            do {
                let shown = try await laptop.call("devices.link")
                let code = try #require(shown["code"]?.stringValue)
                let laptopDevice = try #require(shown["deviceId"]?.stringValue)
                #expect(code.count == LinkSecret.codeLength)
                #expect(shown["expiresAt"]?.stringValue != nil)

                // The server (here: anyone with Ada's token) offers a substituted device with the same
                // commitment and drops a forged bundle in the laptop's mailbox. Neither gets anywhere.
                try await Self.cheat(server: server.url, laptopDevice: laptopDevice)

                // Typos and wrong codes are refused without linking anything.
                #expect(try await ada.callFailing("devices.link", ["code": "not a code"]).reason == .invalidInput)
                #expect(
                    try await ada.callFailing("devices.link", ["code": .string(LinkSecret().code)]).reason == .notFound)

                // Typed as people do: lower case, in groups.
                let grouped = stride(from: 0, to: code.count, by: 4).map {
                    String(Array(code)[$0..<min($0 + 4, code.count)])
                }.joined(separator: "-").lowercased()
                let linked = try await ada.call("devices.link", ["code": .string(grouped)])
                #expect(linked["deviceId"]?.stringValue == laptopDevice)
                #expect(linked["devices"]?.arrayValue?.count == 2)

                let done = try await laptopWatcher.wait(for: "device.linked", timeout: 30)
                #expect(done["deviceId"]?.stringValue == laptopDevice)
                #expect(done["conversations"] == 2)
                #expect(try await laptop.call("daemon.status")["account"]?["needsLink"] == nil)

                // The history from before the link, decrypted with the secrets the bundle carried.
                try await eventually("the laptop has the history", timeout: 30) {
                    let texts =
                        try await laptop.call("messages.list", ["conversationId": .string(chatId)]).arrayValue?
                        .compactMap { $0["text"]?.stringValue } ?? []
                    let team =
                        try await laptop.call("messages.list", ["conversationId": .string(groupId)]).arrayValue?
                        .compactMap { $0["text"]?.stringValue } ?? []
                    return texts.contains("before the link, marker-linked") && team.contains("Grace in Team")
                }
                let chats = try await laptop.call("conversations.list").arrayValue ?? []
                #expect(Set(chats.compactMap { $0["name"]?.stringValue }) == ["Grace", "Team"])
                let search = try await laptop.call("messages.search", ["query": "marker-linked"]).arrayValue ?? []
                #expect(search.count == 1)

                // Same account key: the same safety number as on the phone.
                #expect(
                    try await laptop.call("security.safetyNumber", ["userId": .string(grace.id)])["number"]
                        == (try await ada.call("security.safetyNumber", ["userId": .string(grace.id)])["number"]))
                let devices = try await laptop.call("devices.list").arrayValue ?? []
                #expect(devices.count == 2)
                #expect(devices.first { $0["current"] == true }?["id"]?.stringValue == laptopDevice)

                // The laptop speaks as Ada: Grace reads it, and so does Ada's phone.
                let fromLaptop = try await laptop.call(
                    "messages.send", ["conversationId": .string(chatId), "text": "written on the laptop"])
                let fromLaptopId = try #require(fromLaptop["id"]?.stringValue)
                let atGrace = try await grace.watcher.wait(for: "message.new", timeout: 30) {
                    $0["id"]?.stringValue == fromLaptopId
                }
                #expect(atGrace["text"] == "written on the laptop")
                #expect(atGrace["senderId"]?.stringValue == ada.id)
                let atPhone = try await ada.watcher.wait(for: "message.new", timeout: 30) {
                    $0["id"]?.stringValue == fromLaptopId
                }
                #expect(atPhone["text"] == "written on the laptop")

                // And it reads what is sent after the link, in the group too.
                let later = try await grace.call(
                    "messages.send", ["conversationId": .string(groupId), "text": "after the link"])
                let laterId = try #require(later["id"]?.stringValue)
                let atLaptop = try await laptopWatcher.wait(for: "message.new", timeout: 30) {
                    $0["id"]?.stringValue == laterId
                }
                #expect(atLaptop["text"] == "after the link")

                // Ada revokes the laptop from her phone: the phone's next message starts an epoch
                // the laptop holds no key for. Grace's profile change, logged after it, shows the
                // laptop has seen that far.
                _ = try await ada.call("devices.revoke", ["deviceId": .string(laptopDevice)])
                let secret = try await ada.call(
                    "messages.send", ["conversationId": .string(chatId), "text": "after the revocation"])
                let secretId = try #require(secret["id"]?.stringValue)
                _ = try await grace.watcher.wait(for: "message.new", timeout: 30) { $0["id"]?.stringValue == secretId }
                _ = try await grace.call("account.updateProfile", ["bio": "after the revocation, too"])
                try await eventually("the laptop saw Grace's new bio", timeout: 30) {
                    try await laptop.call("users.list").arrayValue?.contains {
                        $0["bio"] == "after the revocation, too"
                    } == true
                }
                let laptopTexts =
                    try await laptop.call("messages.list", ["conversationId": .string(chatId)])
                    .arrayValue?.compactMap { $0["text"]?.stringValue } ?? []
                #expect(!laptopTexts.contains("after the revocation"))

                // The code and the texts never reach the laptop's disk in the clear.
                for file in try FileManager.default.contentsOfDirectory(atPath: laptop.paths.dataDirectory.path) {
                    let bytes = try Data(contentsOf: laptop.paths.dataDirectory.appendingPathComponent(file))
                    for secret in [code, "marker-linked", "written on the laptop"] {
                        #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file) contains \(secret)")
                    }
                }
            } catch {
                await laptopWatcher.stop()
                await laptop.stop()
                throw error
            }
            await laptopWatcher.stop()
            await laptop.stop()
        }
    }

    @Test func aRestartWhileWaitingKeepsTheCodeGood() async throws {
        try await withChatUsers(["Ada"]) { server, users in
            let ada = users[0]
            let laptopDirectory = try TestDirectory()
            defer { laptopDirectory.remove() }
            var laptop = try await TestDaemon.start(in: laptopDirectory)
            let code: String
            do {
                _ = try await laptop.call("daemon.unlock", ["passphrase": .string(Self.passphrase)])
                _ = try await laptop.call(
                    "account.login",
                    [
                        "server": .string(server.url.absoluteString), "email": "ada@example.org",
                        "password": "password-Ada",
                    ])
                code = try #require(try await laptop.call("devices.link")["code"]?.stringValue)
                await laptop.stop()
                // Back up: the pending link is sealed in the cache, so the same code still links it.
                laptop = try await TestDaemon.start(in: laptopDirectory)
                _ = try await laptop.call("daemon.unlock", ["passphrase": .string(Self.passphrase)])
            } catch {
                await laptop.stop()
                throw error
            }
            do {
                _ = try await ada.call("devices.link", ["code": .string(code)])
                try await eventually("the laptop is linked", timeout: 30) {
                    (try await laptop.call("devices.list").arrayValue?.count ?? 0) == 2
                }
                #expect(try await laptop.call("conversations.list").arrayValue == [])
                // A second code on a linked device is refused; linking happens once.
                #expect(try await laptop.callFailing("devices.link").reason == .invalidInput)
            } catch {
                await laptop.stop()
                throw error
            }
            await laptop.stop()
        }
    }

    /// A code shown and never entered expires: the pending record leaves the server, the keys and
    /// secret leave the cache, and the next `devices.link` shows a new code.
    @Test func anUnusedCodeExpires() async throws {
        try await withTestServer { server in
            let http = try HTTPClient.daemonClient(caFile: nil)
            let temporary = try TemporaryDirectory(prefix: "link")
            let directory = temporary.url
            do {
                let client = ServerClient(server: server.url, http: http, logger: quietLogger)
                let auth = try await client.signup(
                    SignupRequest(email: "lin@example.org", fullname: "Lin", password: "a long password"))
                let store = try LocalStore(
                    directory: directory,
                    cipher: try StoreKeyFile.create(source: .rawKey, secret: Array(repeating: 7, count: 32)).cipher)
                let linker = DeviceLinker(
                    store: store, client: client,
                    account: AccountRecord(server: server.url, user: auth.user, token: auth.token), logger: quietLogger)
                #expect(try await linker.poll() == .idle)
                let first = try await linker.begin()
                #expect(try await client.pendingDevices(token: auth.token).count == 1)
                #expect(try await linker.poll() == .waiting)

                var old = first
                old.startedAtMs -= PendingLink.lifetimeMs + 1
                try await store.setMeta(PendingLink.metaKey, old)
                let deviceId = try first.keys().deviceID.description
                #expect(try await linker.poll() == .expired(deviceId: deviceId))
                #expect(try await client.pendingDevices(token: auth.token).isEmpty)
                #expect(try await linker.pending() == nil)
                #expect(try await linker.poll() == .idle)

                let second = try await linker.begin()
                #expect(second.secret != first.secret)
                try await http.shutdown()
            } catch {
                try? await http.shutdown()
                throw error
            }
        }
    }

    /// What a malicious server could do: list another device under the laptop's commitment, and
    /// put a bundle it made itself (it does not know the code) in the laptop's mailbox.
    static func cheat(server: URL, laptopDevice: String) async throws {
        let http = try HTTPClient.daemonClient(caFile: nil)
        do {
            let client = ServerClient(server: server, http: http, logger: quietLogger)
            let auth = try await client.login(LoginRequest(email: "ada@example.org", password: "password-Ada"))
            let pending = try #require(try await client.pendingDevices(token: auth.token).first)
            let substitute = try DeviceKeys(user: try UserID(auth.user.id), nowMs: AccountSession.nowMs())
            let forged = DialogueCrypto.PendingDevice(
                identityKey: substitute.identityPublicKey, certificate: substitute.certificate,
                commitment: Array(pending.commitment.data))
            try await client.addPendingDevice(
                PendingDeviceRequest(
                    deviceId: substitute.deviceID.description, commitment: pending.commitment,
                    payload: Bytes(Data(forged.payload))),
                token: auth.token)
            // A bundle sealed to the laptop's seal key, but with a guessed secret.
            let laptop = try DialogueCrypto.PendingDevice(
                payload: Array(pending.payload.data), commitment: Array(pending.commitment.data))
            let fake = LinkBundle(account: AccountIdentity(), pins: [], conversations: [])
            let sealed = try fake.seal(
                user: try UserID(auth.user.id), from: substitute.deviceID, to: laptop, secret: LinkSecret())
            try await client.postMailbox(
                MailboxRequest(fromDeviceId: substitute.deviceID.description, payload: Bytes(Data(sealed))),
                to: laptopDevice, token: auth.token)
            try await http.shutdown()
        } catch {
            try? await http.shutdown()
            throw error
        }
    }
}
