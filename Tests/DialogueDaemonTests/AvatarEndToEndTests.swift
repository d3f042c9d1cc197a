import DialogueRPC
import Foundation
import Testing

@testable import DialogueDaemon

/// Avatars: a group's is encrypted and opened only by members, a profile picture is public; both
/// are downscaled to 512 px, and the files front ends open live only in the runtime directory.
@Suite(.timeLimit(.minutes(3)))
struct AvatarEndToEndTests {
    static let signature = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])

    /// The local file behind an `avatarUrl`, checked to be a private file in `user`'s runtime directory.
    static func avatarFile(_ url: JSONValue?, of user: ChatUser) throws -> URL {
        let text = try #require(url?.stringValue, "no avatarUrl")
        let file = try #require(URL(string: text))
        #expect(file.isFileURL, "\(text) is not a file:// URL")
        let run = user.daemon.directory.url.appendingPathComponent("run").path
        #expect(file.path.hasPrefix(run), "\(file.path) is outside the runtime directory")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let directory = file.deletingLastPathComponent().path
        #expect(try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int == 0o700)
        return file
    }

    /// A PNG's pixel size from its IHDR chunk.
    static func pngSize(_ bytes: Data) throws -> (width: Int, height: Int) {
        let bytes = [UInt8](bytes)
        try #require(bytes.count > 24 && Data(bytes.prefix(8)) == signature, "not a PNG")
        let number = { (offset: Int) in bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (number(16), number(20))
    }

    /// `user`'s view of the group `id` in `conversations.list`.
    static func group(_ id: String, of user: ChatUser) async throws -> JSONValue? {
        try await user.call("conversations.list").arrayValue?.first { $0["id"]?.stringValue == id }
    }

    /// Every file in the server's and the daemons' data directories.
    static func dataFiles(_ server: TestServer, _ users: [ChatUser]) throws -> [URL] {
        var files = try ConversationEndToEndTests.files(under: server.dataDirectory)
        for user in users {
            files += try ConversationEndToEndTests.files(
                under: user.daemon.directory.url.appendingPathComponent("data"))
        }
        return files
    }

    @Test func aGroupAvatarIsEncryptedAndEveryMemberOpensIt() async throws {
        let marker = "avatar-marker-48.85N"
        try await withChatUsers(["Ada", "Grace", "Linus"]) { server, users in
            let (ada, grace, linus) = (users[0], users[1], users[2])
            let image = ada.daemon.directory.url.appendingPathComponent("team.png")
            try await AttachmentEndToEndTests.writeImage(to: image, marker: marker)
            let created = try await ada.call(
                "conversations.createGroup",
                ["name": "Design", "memberIds": [.string(grace.id)], "avatarPath": .string(image.path)])
            let groupId = try #require(created["id"]?.stringValue)
            let adaFile = try Self.avatarFile(created["avatarUrl"], of: ada)
            let adaBytes = try Data(contentsOf: adaFile)
            #expect(try Self.pngSize(adaBytes) == (512, 256))
            #expect(adaBytes.range(of: Data(marker.utf8)) == nil, "the avatar kept the image's metadata")

            // Grace's daemon fetches, checks and decrypts the same picture.
            try await eventually("Grace's avatar") { try await Self.group(groupId, of: grace)?["avatarUrl"] != nil }
            let graceFile = try Self.avatarFile(try await Self.group(groupId, of: grace)?["avatarUrl"], of: grace)
            #expect(try Data(contentsOf: graceFile) == adaBytes)

            // A new name keeps the avatar.
            _ = try await ada.call("conversations.update", ["conversationId": .string(groupId), "name": "Design team"])
            let renamed = try await grace.watcher.wait(for: "conversation.updated") {
                $0["id"]?.stringValue == groupId && $0["name"] == "Design team"
            }
            #expect(try Data(contentsOf: try Self.avatarFile(renamed["avatarUrl"], of: grace)) == adaBytes)

            // A new avatar keeps the name.
            let portrait = ada.daemon.directory.url.appendingPathComponent("portrait.png")
            try await AttachmentEndToEndTests.writeImage(to: portrait, marker: marker, width: 600, height: 1200)
            let changed = try await ada.call(
                "conversations.update", ["conversationId": .string(groupId), "avatarPath": .string(portrait.path)])
            #expect(changed["name"] == "Design team")
            let newBytes = try Data(contentsOf: try Self.avatarFile(changed["avatarUrl"], of: ada))
            #expect(try Self.pngSize(newBytes) == (256, 512))
            try await eventually("Grace's new avatar") {
                guard let url = try await Self.group(groupId, of: grace)?["avatarUrl"]?.stringValue,
                    let file = URL(string: url)
                else { return false }
                return try Data(contentsOf: file) == newBytes
            }
            #expect(try await Self.group(groupId, of: grace)?["name"] == "Design team")

            // Someone added later reads no older metadata: the ADD carries the name and avatar again.
            _ = try await ada.call(
                "conversations.addMembers", ["conversationId": .string(groupId), "memberIds": [.string(linus.id)]])
            let joined = try await linus.watcher.wait(for: "conversation.updated") {
                $0["id"]?.stringValue == groupId && $0["avatarUrl"] != nil
            }
            #expect(joined["name"] == "Design team")
            #expect(try Data(contentsOf: try Self.avatarFile(joined["avatarUrl"], of: linus)) == newBytes)

            // Only the admin changes it.
            let notAdmin = try await grace.callFailing(
                "conversations.update", ["conversationId": .string(groupId), "avatarPath": .string(portrait.path)])
            #expect(notAdmin.reason == .forbidden)

            // Neither the server nor a daemon's data directory holds the picture in the clear.
            let samples = [adaBytes, newBytes].map { $0.subdata(in: 64..<128) }
            for file in try Self.dataFiles(server, users) {
                let bytes = try Data(contentsOf: file)
                #expect(bytes.range(of: Self.signature) == nil, "an unencrypted image in \(file.lastPathComponent)")
                #expect(bytes.range(of: Data(marker.utf8)) == nil, "image metadata in \(file.lastPathComponent)")
                for sample in samples {
                    #expect(bytes.range(of: sample) == nil, "avatar pixels in \(file.lastPathComponent)")
                }
            }
        }
    }

    @Test func badAvatarFilesAreRefusedAndChangeNothing() async throws {
        try await withChatUsers(["Ada", "Grace"]) { _, users in
            let (ada, grace) = (users[0], users[1])
            let text = ada.daemon.directory.url.appendingPathComponent("notes.txt")
            try Data("just text".utf8).write(to: text)
            let missing = ada.daemon.directory.url.appendingPathComponent("missing.png")
            for path in ["team.png", text.path, missing.path, ada.daemon.directory.url.path] {
                let refused = try await ada.callFailing(
                    "conversations.createGroup",
                    ["name": "Design", "memberIds": [.string(grace.id)], "avatarPath": .string(path)])
                #expect(refused.reason == .invalidInput, "\(path)")
            }
            let relative = try await ada.callFailing("account.updateProfile", ["avatarPath": "me.png"])
            #expect(relative.message.contains("absolute"), "\(relative.message)")
            #expect(try await ada.call("conversations.list").arrayValue?.isEmpty == true)

            let group = try await ada.call(
                "conversations.createGroup", ["name": "Design", "memberIds": [.string(grace.id)]])
            let groupId = try #require(group["id"]?.stringValue)
            #expect(group["avatarUrl"] == nil)
            let badUpdate = try await ada.callFailing(
                "conversations.update",
                ["conversationId": .string(groupId), "name": "Renamed", "avatarPath": .string(text.path)])
            #expect(badUpdate.reason == .invalidInput)
            #expect(badUpdate.message.contains("notes.txt"), "\(badUpdate.message)")
            #expect(try await Self.group(groupId, of: ada)?["name"] == "Design")

            let badProfile = try await ada.callFailing(
                "account.updateProfile", ["fullname": "Ada L", "avatarPath": .string(text.path)])
            #expect(badProfile.reason == .invalidInput)
            let me = try await ada.call("account.me")
            #expect(me["fullname"] == "Ada")
            #expect(me["avatarUrl"] == nil)
        }
    }

    @Test func aProfilePictureIsPublicAndOpenedFromTheRuntimeDirectory() async throws {
        let marker = "profile-marker-51.50N"
        try await withChatUsers(["Ada", "Grace"]) { server, users in
            let (ada, grace) = (users[0], users[1])
            let image = ada.daemon.directory.url.appendingPathComponent("me.png")
            try await AttachmentEndToEndTests.writeImage(to: image, marker: marker, width: 1024, height: 1024)
            let profile = try await ada.call("account.updateProfile", ["avatarPath": .string(image.path)])
            #expect(profile["fullname"] == "Ada")
            let adaFile = try Self.avatarFile(profile["avatarUrl"], of: ada)
            let adaBytes = try Data(contentsOf: adaFile)
            #expect(try Self.pngSize(adaBytes) == (512, 512))
            #expect(adaBytes.range(of: Data(marker.utf8)) == nil, "the picture kept the image's metadata")
            #expect(try await ada.call("account.me")["avatarUrl"] == profile["avatarUrl"])

            // Grace's daemon downloads it into her runtime directory when she lists people.
            try await eventually("Ada's picture at Grace's") {
                let list = try await grace.call("users.list").arrayValue ?? []
                return list.first { $0["id"]?.stringValue == ada.id }?["avatarUrl"] != nil
            }
            let list = try await grace.call("users.list").arrayValue ?? []
            let entry = list.first { $0["id"]?.stringValue == ada.id }
            #expect(try Data(contentsOf: try Self.avatarFile(entry?["avatarUrl"], of: grace)) == adaBytes)

            // Public means the server holds it (re-encoded, without metadata); the daemons keep it
            // only in the runtime directory.
            for file in try Self.dataFiles(server, users) {
                let bytes = try Data(contentsOf: file)
                #expect(bytes.range(of: Data(marker.utf8)) == nil, "image metadata in \(file.lastPathComponent)")
            }
            let sample = adaBytes.subdata(in: 64..<128)
            for user in users {
                let data = user.daemon.directory.url.appendingPathComponent("data")
                for file in try ConversationEndToEndTests.files(under: data) {
                    let bytes = try Data(contentsOf: file)
                    #expect(bytes.range(of: Self.signature) == nil, "an image in \(file.lastPathComponent)")
                    #expect(bytes.range(of: sample) == nil, "the picture in \(file.lastPathComponent)")
                }
            }
            // Locking wipes the copy; unlocked again, it is fetched anew.
            _ = try await ada.call("daemon.lock")
            #expect(!FileManager.default.fileExists(atPath: adaFile.path))
            _ = try await ada.call("daemon.unlock", ["passphrase": "correct horse battery staple"])
            try await eventually("Ada's picture after unlock") {
                guard let url = try await ada.call("account.me")["avatarUrl"]?.stringValue,
                    let file = URL(string: url)
                else { return false }
                return try Data(contentsOf: file) == adaBytes
            }
        }
    }
}
