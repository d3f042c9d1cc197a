import DialogueRPC
import DialogueTestSupport
import Foundation
import Testing

@testable import DialogueDaemon

/// Image messages: downscaled and encrypted before upload, fetched, checked and decrypted on the
/// other side into a private runtime file; nothing readable in either cache or on the server.
@Suite(.timeLimit(.minutes(3)))
struct AttachmentEndToEndTests {
    /// Writes a PNG (2400x1200 unless told) with a text chunk carrying `marker` (metadata the daemon
    /// must strip).
    static func writeImage(to url: URL, marker: String, width: Int = 2400, height: Int = 1200) async throws {
        let script = """
            import struct, sys, zlib
            w, h = int(sys.argv[3]), int(sys.argv[4])
            row = bytes([0]) + bytes((x * 7) % 256 for x in range(w * 3))
            def chunk(t, d):
                return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
            png = b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
            png += chunk(b'tEXt', b'Comment\\x00' + sys.argv[2].encode())
            png += chunk(b'IDAT', zlib.compress(row * h)) + chunk(b'IEND', b'')
            open(sys.argv[1], 'wb').write(png)
            """
        let status = try await OffPool.run {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = ["-c", script, url.path, marker, String(width), String(height)]
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        #expect(status == 0)
    }

    @Test func anImageTravelsDownscaledEncryptedAndStripped() async throws {
        let marker = "gps-marker-51.5007N"
        try await withChatUsers(["Ada", "Grace"]) { server, users in
            let (ada, grace) = (users[0], users[1])
            let image = ada.daemon.directory.url.appendingPathComponent("holiday.png")
            try await Self.writeImage(to: image, marker: marker)
            let chat = try await ada.call("conversations.open", ["userId": .string(grace.id)])
            let chatId = try #require(chat["id"]?.stringValue)

            let sent = try await ada.call(
                "messages.send",
                ["conversationId": .string(chatId), "text": "the view", "attachmentPath": .string(image.path)])
            #expect(sent["attachment"]?["mime"] == "image/png")
            #expect(sent["attachment"]?["width"] == 1600)
            #expect(sent["attachment"]?["height"] == 800)
            let arrived = try await grace.watcher.wait(for: "message.new") { $0["id"] == sent["id"] }
            #expect(arrived["text"] == "the view")

            // The receiver lists it with a private, decrypted copy in the runtime directory.
            let listed = try #require(try await grace.messages(chatId).first { $0["id"] == sent["id"] })
            let path = try #require(listed["attachment"]?["path"]?.stringValue)
            #expect(path.hasPrefix(grace.daemon.directory.url.appendingPathComponent("run").path))
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let decrypted = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(decrypted.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            #expect(decrypted.range(of: Data(marker.utf8)) == nil)

            // A cached image that went missing (a failed download, a cleaned cache) is fetched again
            // when the message is listed, hash-checked as the first time.
            let blobs = grace.daemon.paths.dataDirectory.appendingPathComponent("blobs")
            for name in try FileManager.default.contentsOfDirectory(atPath: blobs.path) {
                try FileManager.default.removeItem(at: blobs.appendingPathComponent(name))
            }
            try FileManager.default.removeItem(atPath: path)
            try await eventually("the image is fetched again", timeout: 30) {
                let again = try await grace.messages(chatId).first { $0["id"] == sent["id"] }
                guard let path = again?["attachment"]?["path"]?.stringValue else { return false }
                return try Data(contentsOf: URL(fileURLWithPath: path)) == decrypted
            }

            // Neither cache nor the server holds the image in the clear: the PNG signature and the
            // metadata marker appear only in the runtime copy and the original file.
            let signature = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            var files = try ConversationEndToEndTests.files(under: server.dataDirectory)
            for user in users {
                files += try ConversationEndToEndTests.files(
                    under: user.daemon.directory.url.appendingPathComponent("data"))
            }
            for file in files {
                let bytes = try Data(contentsOf: file)
                #expect(bytes.range(of: signature) == nil, "an unencrypted image in \(file.lastPathComponent)")
                #expect(bytes.range(of: Data(marker.utf8)) == nil, "image metadata in \(file.lastPathComponent)")
            }

            // Not an image: refused before anything is queued.
            let text = ada.daemon.directory.url.appendingPathComponent("notes.txt")
            try Data("just text".utf8).write(to: text)
            let refused = try await ada.callFailing(
                "messages.send", ["conversationId": .string(chatId), "attachmentPath": .string(text.path)])
            #expect(refused.reason == .invalidInput)
            #expect(try await ada.call("daemon.status")["outboxPending"] == 0)
        }
    }
}
