import DialogueRPC
import DialogueTestSupport
import Foundation
import Testing

/// The real `dialogue` binary against real daemons and a real server: two people (two daemons,
/// each under its own XDG root) signed up through the CLI, talking to each other.
///
/// Delivery between the daemons is asynchronous: every check of the other side polls with a
/// deadline (``eventually(timeout:_:)``), never a fixed sleep.
@Suite(
    "Real daemons end to end", .serialized, .timeLimit(.minutes(3)),
    .enabled(if: RealPair.available, "dialogued, dialogue-server or dialogue is not built"))
struct RealDaemonTests {
    typealias Person = RealPair.Person

    /// The keys of the message object of spec/rpc.md: always present, and present when they apply.
    static let messageKeys: Set<String> = [
        "id", "conversationId", "senderId", "text", "reactions", "createdAt", "deleted", "seen", "state",
    ]
    /// `failureReason` is the daemon's addition for `state: failed`.
    static let optionalMessageKeys: Set<String> = ["attachment", "replyTo", "editedAt", "failureReason"]

    /// `person`'s messages in `chat`, oldest first.
    static func history(_ person: Person, _ chat: String) async throws -> [JSONValue] {
        try await person.json(["history", chat]).arrayValue ?? []
    }

    /// The first message in `chat` whose text is `text`, as `person` sees it now.
    static func message(_ person: Person, _ chat: String, text: String) async throws -> JSONValue? {
        try await history(person, chat).first { $0["text"]?.stringValue == text }
    }

    /// The conversation named `name` in `person`'s list.
    static func conversation(_ person: Person, named name: String) async throws -> JSONValue? {
        try await person.json(["chats"]).arrayValue?.first { $0["name"]?.stringValue == name }
    }

    /// The columns of the line of a human table that starts with `name`.
    static func row(_ table: String, startingWith name: String) -> [String]? {
        table.split(separator: "\n").first { $0.hasPrefix(name) }.map {
            $0.dropFirst(name.count).split(separator: " ").map(String.init)
        }
    }

    /// A one-colour PNG, made by python3 with the standard library only.
    static func writePNG(to path: String, width: Int, height: Int) async throws {
        let script = """
            import struct, sys, zlib
            w, h = int(sys.argv[2]), int(sys.argv[3])
            def chunk(kind, data):
                return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
            rows = b''.join(b'\\x00' + b'\\x2f\\x5d\\xa8' * w for _ in range(h))
            png = (b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                   + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))
            open(sys.argv[1], 'wb').write(png)
            """
        let python = try ChildProcess("/usr/bin/env", ["python3", "-c", script, path, String(width), String(height)])
        #expect(try await python.waitForExit(timeout: .seconds(30)) == 0)
    }

    // MARK: - Messages

    @Test func twoPeopleMessageEachOther() async throws {
        let pair = try await RealPair.start()
        defer { pair.stop() }
        let ada = pair.ada
        let grace = pair.grace

        let users = try await ada.run(["users"])
        #expect(users.status == 0, "\(users.stderr)")
        #expect(Self.row(users.stdout, startingWith: "Grace Hopper")?.contains(grace.id) == true, "\(users.stdout)")
        #expect(!users.stdout.contains("Ada Lovelace"), "people lists leave yourself out")

        // CHAT by a person's name opens the direct chat, which does not exist yet.
        let first = "Hello Grace, the budget report is ready"
        let sent = try await ada.run(["send", "Grace Hopper", first])
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.hasPrefix("Sent "), "\(sent.stdout)")
        let adaChats = try await ada.run(["chats"])
        #expect(Self.row(adaChats.stdout, startingWith: "Grace Hopper")?.first == "now", "\(adaChats.stdout)")

        // Grace's side: the message arrives with an unread count.
        let unread = try await waitFor { try await Self.conversation(grace, named: "Ada Lovelace")?["unread"] == 1 }
        #expect(unread, "never arrived at Grace's: \(pair.log(of: grace).suffix(2000))")
        let graceChats = try await grace.run(["chats"])
        #expect(graceChats.status == 0)
        #expect(
            Self.row(graceChats.stdout, startingWith: "Ada Lovelace")?.prefix(2) == ["1", "now"], "\(graceChats.stdout)"
        )
        let graceHistory = try await grace.run(["history", "Ada"])
        #expect(graceHistory.status == 0, "\(graceHistory.stderr)")
        #expect(graceHistory.stdout.contains("Ada Lovelace  " + first), "\(graceHistory.stdout)")

        // `--json history`: the message object of spec/rpc.md.
        let received = try #require(try await Self.history(grace, "Ada").last)
        let keys = Set(received.objectValue?.keys.map { $0 } ?? [])
        #expect(Self.messageKeys.isSubset(of: keys), "\(received.serialized())")
        #expect(keys.subtracting(Self.messageKeys).isSubset(of: Self.optionalMessageKeys), "\(keys)")
        #expect(received["senderId"]?.stringValue == ada.id)
        #expect(received["text"]?.stringValue == first)
        #expect(received["state"] == "sent")
        #expect(received["seen"] == false)
        #expect(received["deleted"] == false)
        #expect(received["reactions"] == .array([]))
        let createdAt = received["createdAt"]?.stringValue ?? ""
        let rfc3339 = try Regex(#"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$"#)
        #expect(createdAt.wholeMatch(of: rfc3339) != nil, "\(createdAt)")
        let messageID = try #require(received["id"]?.stringValue)
        let mine = try #require(try await Self.message(ada, "Grace", text: first))
        #expect(mine["id"]?.stringValue == messageID, "both sides name the message alike")
        #expect(mine["conversationId"] == received["conversationId"])

        // `read`: Grace's unread count goes, and Ada sees her message seen.
        let read = try await grace.run(["read", "Ada Lovelace"])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout == "Marked read.\n")
        let cleared = try await Self.conversation(grace, named: "Ada Lovelace")?["unread"]
        #expect(cleared == 0)
        let seen = try await waitFor { try await Self.message(ada, "Grace", text: first)?["seen"] == true }
        #expect(seen, "Ada never saw her message marked seen")

        // `react`: toggles, shown on both sides.
        let react = try await grace.run(["react", messageID, "👍"])
        #expect(react.status == 0, "\(react.stderr)")
        #expect(react.stdout.contains("Ada Lovelace  " + first + "  👍"), "\(react.stdout)")
        let reacted = try await eventually {
            try await Self.message(ada, "Grace", text: first)?["reactions"]?.arrayValue?.first
        }
        #expect(reacted == ["count": 1, "emoji": "👍", "mine": false], "\(String(describing: reacted))")

        // `edit`: the new text and the mark, on both sides.
        let edited = "Hello Grace, the budget report v2 is ready"
        let edit = try await ada.run(["edit", messageID, edited])
        #expect(edit.status == 0, "\(edit.stderr)")
        #expect(edit.stdout.contains("You  " + edited + " (edited)"), "\(edit.stdout)")
        let arrivedEdit = try await eventually { try await Self.message(grace, "Ada", text: edited) }
        #expect(arrivedEdit?["id"]?.stringValue == messageID)
        #expect(arrivedEdit?["editedAt"]?.stringValue != nil)
        let graceAfterEdit = try await grace.run(["history", "Ada"])
        #expect(graceAfterEdit.stdout.contains(edited + " (edited)  👍"), "\(graceAfterEdit.stdout)")

        // A reply and a deletion.
        let reply = try await grace.json([
            "send", "Ada", "Thanks Ada, I'll read the budget tonight", "--reply", messageID,
        ])
        #expect(reply["replyTo"]?.stringValue == messageID)
        let doomed = try await ada.json(["send", "Grace", "A note I take back"])
        let doomedID = try #require(doomed["id"]?.stringValue)
        let deletedOnce = try await waitFor { try await Self.message(grace, "Ada", text: "A note I take back") != nil }
        #expect(deletedOnce, "the note never arrived")
        let delete = try await ada.run(["delete", doomedID])
        #expect(delete.status == 0, "\(delete.stderr)")
        #expect(delete.stdout == "Deleted.\n")
        let wiped = try await eventually {
            try await Self.history(grace, "Ada").first { $0["id"]?.stringValue == doomedID && $0["deleted"] == true }
        }
        #expect(wiped?["text"] == "", "a deleted message keeps no text")
        let graceAfterDelete = try await grace.run(["history", "Ada"])
        #expect(
            graceAfterDelete.stdout.contains("Ada Lovelace  message deleted  " + doomedID), "\(graceAfterDelete.stdout)"
        )
        #expect(!graceAfterDelete.stdout.contains("take back"))
        let adaHistory = try await ada.run(["history", "Grace"])
        #expect(adaHistory.stdout.contains("↳ You: " + edited), "the reply quotes its message: \(adaHistory.stdout)")

        // `search`: highlighted for people, ranges for scripts, offline-capable, scoped.
        let arrivedReply = try await waitFor {
            try await Self.message(ada, "Grace", text: "Thanks Ada, I'll read the budget tonight") != nil
        }
        #expect(arrivedReply)
        let search = try await ada.run(["search", "budget"])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("Grace Hopper  Thanks Ada, I'll read the [budget] tonight"), "\(search.stdout)")
        #expect(search.stdout.contains("You  Hello Grace, the [budget] report v2 is ready"), "\(search.stdout)")
        #expect(!search.stdout.contains("take back"))
        let hits = try #require(try await ada.json(["search", "budget"]).arrayValue)
        #expect(hits.count == 2)
        for hit in hits {
            let text = Array(hit["message"]?["text"]?.stringValue ?? "")
            let ranges = hit["highlights"]?.arrayValue ?? []
            #expect(!ranges.isEmpty)
            for range in ranges {
                let start = range.arrayValue?.first?.integerValue ?? -1
                let end = range.arrayValue?.last?.integerValue ?? -1
                let inside = start >= 0 && start < end && end <= text.count
                #expect(inside && String(text[start..<end]).lowercased() == "budget", "\(hit.serialized())")
            }
        }
        let scoped = try await ada.run(["search", "budget", "--all", "--in", "Grace"])
        #expect(scoped.status == 0, "\(scoped.stderr)")
        let scopedHits = scoped.stdout.split(separator: "\n").filter { $0.contains("[budget]") }
        #expect(scopedHits.count == 2, "\(scoped.stdout)")
        let nothing = try await ada.run(["search", "zeppelin"])
        #expect(nothing.status == 0)
        #expect(nothing.stdout == "No matches.\n")

        // Safety numbers: the same 60 digits on both sides; `verify` with the right one only.
        let adaNumber = try await ada.json(["safety-number", "Grace"])
        let graceNumber = try await grace.json(["safety-number", "Ada"])
        let digits = try #require(adaNumber["number"]?.stringValue)
        #expect(digits.count == 60 && digits.allSatisfy(\.isNumber), "\(digits)")
        #expect(graceNumber["number"]?.stringValue == digits)
        #expect(adaNumber["verified"] == false)
        let shown = try await ada.run(["safety-number", "Grace"])
        #expect(
            shown.stdout.hasPrefix("Safety number with Grace Hopper\n  " + digits.prefix(5) + " "), "\(shown.stdout)")
        #expect(shown.stdout.contains("Not verified"))
        let wrong = try await ada.run(["verify", "Grace", String(repeating: "1", count: 60)])
        #expect(wrong.status == 2, "\(wrong.stderr)")
        #expect(wrong.stderr.hasPrefix("dialogue: invalid input: "), "\(wrong.stderr)")
        let verify = try await ada.run(["verify", "Grace", digits])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout == "Grace Hopper is verified.\n")
        #expect(try await ada.json(["safety-number", "Grace"])["verified"] == true)
        #expect(try await ada.run(["safety-number", "Grace"]).stdout.hasSuffix("Verified.\n"))
    }

    @Test func anImageAndAWatcher() async throws {
        let pair = try await RealPair.start()
        defer { pair.stop() }
        let ada = pair.ada
        let grace = pair.grace

        let image = pair.directory.path + "/chart.png"
        try await Self.writePNG(to: image, width: 8, height: 6)

        let sent = try await ada.run(["send", "Grace", "the chart", "--image", image])
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.hasPrefix("Sent "), "\(sent.stdout)")
        let arrived = try await eventually { try await Self.message(grace, "Ada", text: "the chart") }
        let attachment = try #require(
            arrived?["attachment"], "no attachment at Grace's: \(pair.log(of: grace).suffix(2000))")
        #expect(attachment["mime"] == "image/png")
        #expect(attachment["width"] == 8)
        #expect(attachment["height"] == 6)
        let history = try await grace.run(["history", "Ada"])
        #expect(history.stdout.contains("Ada Lovelace  [image] the chart"), "\(history.stdout)")
        #expect(history.stdout.contains("  image /"), "\(history.stdout)")
        // Saved decrypted for opening (re-encoded by the sender's daemon, so not byte for byte).
        let path = try #require(attachment["path"]?.stringValue)
        let saved = FileManager.default.contents(atPath: path) ?? Data()
        #expect(saved.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(path) is not a PNG")
        let missing = try await ada.run(["send", "Grace", "--image", pair.directory.path + "/none.png"])
        #expect(missing.status != 0)
        #expect(missing.stderr.hasPrefix("dialogue: "), "\(missing.stderr)")

        // `watch`: started, it prints what Grace sends; stopped, it ends.
        let watch = try BackgroundCLI(["watch"], environment: ada.environment)
        defer { watch.stop() }
        let watching = try await waitFor { watch.stderr.contains("Watching events") }
        #expect(watching, "watch never started: \(watch.stderr)")
        let note = try await grace.run(["send", "Ada", "watch this"])
        #expect(note.status == 0, "\(note.stderr)")
        let line = try await eventually {
            watch.stdout.split(separator: "\n").first { $0.contains("watch this") }
        }
        #expect(line?.hasPrefix("message.new") == true, "\(watch.stdout)")
        #expect(line?.contains("Grace Hopper  watch this") == true, "\(watch.stdout)")
        watch.stop()
        #expect(!watch.isRunning)
    }

    // MARK: - Groups

    @Test func groupsAndTheAdminRule() async throws {
        let pair = try await RealPair.start()
        defer { pair.stop() }
        let ada = pair.ada
        let grace = pair.grace

        let create = try await ada.run(["group", "create", "Launch Team", "Grace"])
        #expect(create.status == 0, "\(create.stderr)")
        #expect(create.stdout.hasPrefix("Created group Launch Team: "), "\(create.stdout)")
        let group = try #require(try await Self.conversation(ada, named: "Launch Team"))
        #expect(group["isGroup"] == true)
        #expect(group["admin"]?.stringValue == ada.id)
        let joined = try await waitFor { try await Self.conversation(grace, named: "Launch Team") != nil }
        #expect(joined, "Grace never saw the group: \(pair.log(of: grace).suffix(2000))")
        #expect(try await grace.run(["chats"]).stdout.contains("# Launch Team"))

        // Grace is a member, not the admin: the daemon refuses, with its reason and exit code 7.
        for arguments in [
            ["group", "rename", "Launch Team", "Grace's Team"], ["group", "remove", "Launch Team", "Ada"],
            ["group", "delete", "Launch Team"],
        ] {
            let refused = try await grace.run(arguments)
            #expect(refused.status == 7, "\(arguments): \(refused.stdout) \(refused.stderr)")
            #expect(refused.stderr.hasPrefix("dialogue: refused: only the group's admin"), "\(refused.stderr)")
            #expect(refused.stderr.filter { $0 == "\n" }.count == 1)
        }

        let rename = try await ada.run(["group", "rename", "Launch Team", "Rocket Team"])
        #expect(rename.status == 0, "\(rename.stderr)")
        #expect(rename.stdout == "Renamed to Rocket Team.\n")
        let renamed = try await waitFor { try await Self.conversation(grace, named: "Rocket Team") != nil }
        #expect(renamed)

        let hello = try await ada.run(["send", "Rocket Team", "Group hello"])
        #expect(hello.status == 0, "\(hello.stderr)")
        let greeted = try await waitFor { try await Self.message(grace, "Rocket Team", text: "Group hello") != nil }
        #expect(greeted)

        // Removed, Grace keeps the history but cannot send; added back, she can.
        let remove = try await ada.run(["group", "remove", "Rocket Team", "Grace Hopper"])
        #expect(remove.status == 0, "\(remove.stderr)")
        #expect(remove.stdout == "Removed.\n")
        let removed = try await waitFor { try await Self.conversation(grace, named: "Rocket Team")?["removed"] == true }
        #expect(removed)
        #expect(try await grace.run(["chats"]).stdout.contains("# Rocket Team (not a member)"))
        let outsider = try await grace.run(["send", "Rocket Team", "still here?"])
        #expect(outsider.status == 7, "\(outsider.stderr)")
        #expect(outsider.stderr.hasPrefix("dialogue: refused: "), "\(outsider.stderr)")

        let add = try await ada.run(["group", "add", "Rocket Team", "Grace"])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout == "Added 1 person.\n")
        let back = try await waitFor { try await Self.conversation(grace, named: "Rocket Team")?["removed"] == false }
        #expect(back)
        let again = try await grace.run(["send", "Rocket Team", "back again"])
        #expect(again.status == 0, "\(again.stderr)")
        let heard = try await waitFor { try await Self.message(ada, "Rocket Team", text: "back again") != nil }
        #expect(heard)

        // Grace leaves; Ada sees the member list shrink, then deletes the group.
        let leave = try await grace.run(["group", "leave", "Rocket Team"])
        #expect(leave.status == 0, "\(leave.stderr)")
        #expect(leave.stdout == "Left the group.\n")
        let left = try await waitFor {
            let members = try await Self.conversation(ada, named: "Rocket Team")?["members"]?.arrayValue ?? []
            return !members.isEmpty && !members.contains(.string(grace.id))
        }
        #expect(left)
        let delete = try await ada.run(["group", "delete", "Rocket Team"])
        #expect(delete.status == 0, "\(delete.stderr)")
        #expect(delete.stdout == "Deleted the group.\n")
        let gone = try await waitFor { try await Self.conversation(ada, named: "Rocket Team") == nil }
        #expect(gone)
    }

    // MARK: - Avatars

    @Test func avatarsForTheProfileAndAGroup() async throws {
        let pair = try await RealPair.start()
        defer { pair.stop() }
        let ada = pair.ada
        let grace = pair.grace
        let image = pair.directory.path + "/face.png"
        try await Self.writePNG(to: image, width: 900, height: 600)

        let profile = try await ada.run(["profile", "--avatar", image])
        #expect(profile.status == 0, "\(profile.stderr)")
        #expect(profile.stdout.contains("\nAvatar file:///"), "\(profile.stdout)")
        #expect(try await ada.run(["me"]).stdout.contains("\nAvatar file:///"))

        let create = try await ada.run(["group", "create", "Faces", "Grace", "--avatar", image])
        #expect(create.status == 0, "\(create.stderr)")
        #expect(
            try await Self.conversation(ada, named: "Faces")?["avatarUrl"]?.stringValue?.hasPrefix("file:///") == true)
        let changed = try await ada.run(["group", "avatar", "Faces", image])
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stdout.hasPrefix("Avatar changed.\nAvatar file:///"), "\(changed.stdout)")
        let shown = try await eventually {
            try await Self.conversation(grace, named: "Faces")?["avatarUrl"]?.stringValue
        }
        let file = try #require(shown.flatMap(URL.init(string:)), "Grace never saw the avatar")
        #expect(FileManager.default.contents(atPath: file.path)?.starts(with: [0x89, 0x50, 0x4E, 0x47]) == true)

        let missing = try await ada.run(["group", "avatar", "Faces", pair.directory.path + "/none.png"])
        #expect(missing.status != 0)
        #expect(missing.stderr.hasPrefix("dialogue: "), "\(missing.stderr)")
        #expect(missing.stderr.contains("none.png"), "\(missing.stderr)")
    }

    // MARK: - Devices

    @Test func linkingASecondDevice() async throws {
        let pair = try await RealPair.start()
        defer { pair.stop() }
        let (ada, grace) = (pair.ada, pair.grace)
        let before = try await ada.run(["send", "Grace Hopper", "sent before the laptop existed"])
        #expect(before.status == 0, "\(before.stderr)")

        // The laptop signs in to Ada's account; it is told its keys are elsewhere.
        let laptop = try await pair.addDevice(of: ada, folder: "l")
        let login = try await laptop.run(
            ["login", "--server", pair.url, "--email", ada.email], stdin: "a good password\n")
        #expect(login.status == 0, "\(login.stderr)")
        #expect(login.stdout.contains("run `dialogue link` here"), "\(login.stdout)")
        let unlinked = try await laptop.run(["chats"])
        #expect(unlinked.status != 0)
        #expect(unlinked.stderr.contains("dialogue link"), "\(unlinked.stderr)")

        // `dialogue link` shows the code and waits; `dialogue link CODE` on Ada's first device links it.
        let waiting = try BackgroundCLI(["link"], environment: laptop.environment)
        defer { waiting.stop() }
        let shown = try await waitFor { waiting.stdout.contains("dialogue link ") }
        #expect(shown, "no code shown: \(waiting.stdout) \(waiting.stderr)")
        let code = try #require(
            waiting.stdout.split(separator: "\n").first { $0.contains("run: dialogue link ") }?
                .split(separator: " ").last.map(String.init))
        let wrong = try await ada.run(["link", String(code.reversed())])
        #expect(wrong.status != 0)
        let linked = try await ada.run(["link", code])
        #expect(linked.status == 0, "\(linked.stderr)")
        #expect(linked.stdout.hasPrefix("Linked device "), "\(linked.stdout)")
        #expect(try await waiting.exitStatus(within: .seconds(30)) == 0, "\(waiting.stdout) \(waiting.stderr)")
        #expect(
            waiting.stdout.contains("Linked: this device now has your account and 1 conversation."), "\(waiting.stdout)"
        )

        // The laptop reads the history and writes as Ada.
        let history = try await waitFor {
            try await Self.message(laptop, "Grace Hopper", text: "sent before the laptop existed") != nil
        }
        #expect(history, "the laptop never showed the history")
        let sent = try await laptop.run(["send", "Grace Hopper", "now from the laptop"])
        #expect(sent.status == 0, "\(sent.stderr)")
        let arrived = try await waitFor {
            try await Self.message(grace, "Ada Lovelace", text: "now from the laptop")?["senderId"]?.stringValue
                == ada.id
        }
        #expect(arrived, "Grace never got the laptop's message")
        let devices = try await ada.run(["devices"])
        #expect(devices.stdout.split(separator: "\n").count >= 2, "\(devices.stdout)")

        // CHAT by e-mail: the daemon asks the server for that address's owner; it is the same chat.
        let byAddress = try await grace.run(["send", ada.email.uppercased(), "found you by address"])
        #expect(byAddress.status == 0, "\(byAddress.stderr)")
        let unknownAddress = try await grace.run(["send", "nobody@example.com", "lost"])
        #expect(unknownAddress.status == 8, "\(unknownAddress.stderr)")
        #expect(unknownAddress.stderr.contains("nobody has that address"), "\(unknownAddress.stderr)")
        let arrivedByAddress = try await waitFor {
            try await Self.message(ada, "Grace Hopper", text: "found you by address") != nil
        }
        #expect(arrivedByAddress, "the message sent by address never reached Ada's chat with Grace")
    }

    // MARK: - Offline

    @Test func offlineSendIsQueuedThenDeliveredAfterReconnect() async throws {
        let pair = try await RealPair.start()
        defer { pair.stop() }
        let ada = pair.ada
        let grace = pair.grace

        let before = try await ada.run(["send", "Grace", "before the outage"])
        #expect(before.status == 0, "\(before.stderr)")
        let arrived = try await waitFor { try await Self.message(grace, "Ada", text: "before the outage") != nil }
        #expect(arrived)

        pair.stopServer()
        let noticed = try await waitFor {
            try await ada.json(["status"])["connection"]?["state"]?.stringValue != "online"
        }
        #expect(noticed, "Ada's daemon never noticed the outage")

        // The whole name names the conversation, so nothing waits for the absent server.
        let queued = try await ada.run(["send", "Grace Hopper", "sent while offline"])
        #expect(queued.status == 6, "\(queued.stdout) \(queued.stderr)")
        #expect(queued.stdout.hasPrefix("Queued "), "\(queued.stdout)")
        #expect(
            queued.stderr
                == "dialogue: the server cannot be reached: the message is queued and will be sent when it can.\n")
        let pending = try #require(try await Self.message(ada, "Grace Hopper", text: "sent while offline"))
        #expect(pending["state"] == "pending")
        #expect(try await ada.run(["history", "Grace Hopper"]).stdout.contains("sent while offline  [queued]"))
        #expect(try await ada.json(["status"])["outboxPending"] == 1)
        // Reads work offline, from the cache.
        #expect(try await ada.run(["search", "outage"]).stdout.contains("[outage]"))

        try await pair.restartServer()
        for person in [ada, grace] {
            let reconnect = try await person.run(["reconnect"])
            #expect(reconnect.status == 0, "\(reconnect.stderr)")
        }
        let delivered = try await eventually { try await Self.message(grace, "Ada", text: "sent while offline") }
        #expect(delivered?["state"] == "sent", "never delivered: \(pair.log(of: ada).suffix(3000))")
        let settled = try await waitFor {
            try await Self.message(ada, "Grace", text: "sent while offline")?["state"] == "sent"
        }
        #expect(settled)
        #expect(try await ada.json(["status"])["outboxPending"] == 0)
        #expect(try await ada.json(["status"])["connection"]?["state"] == "online")
    }
}
