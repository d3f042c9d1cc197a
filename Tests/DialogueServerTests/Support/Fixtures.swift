import DialogueProtocol
import Foundation
import Testing

/// A signed-in test user and the calls the tests make on their behalf.
struct TestUser: Sendable {
    let user: User
    let token: String
    let api: APIClient
    let deviceId: String

    var id: String { user.id }
}

enum Fixtures {
    static func uniqueId(_ prefix: String = "id") -> String {
        "\(prefix)-\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20))"
    }

    /// Opaque bytes standing in for a signed ciphertext; the server never looks inside.
    static func envelope(_ text: String = "opaque") -> Bytes { Bytes(Data("sealed:\(text)".utf8)) }

    static func signup(_ server: some ServerEndpoint, name: String) async throws -> TestUser {
        let reply = try await server.api().send(
            .post,
            "/api/auth/signup",
            json: SignupRequest(
                email: "\(name.lowercased())-\(UUID().uuidString.prefix(8))@example.org",
                fullname: name,
                password: "correct horse battery",
                bio: "I am \(name)"
            )
        )
        try #require(reply.status == .created, "signup failed: \(reply.text)")
        let auth = try reply.decode(AuthResponse.self)
        return TestUser(
            user: auth.user, token: auth.token, api: server.api(token: auth.token), deviceId: uniqueId("dev"))
    }

    static func createDirect(_ from: TestUser, with other: TestUser) async throws -> Conversation {
        let reply = try await from.api.send(
            .post,
            "/api/conversations/create",
            json: CreateConversationRequest(
                id: uniqueId("conv"),
                isGroup: false,
                participants: [other.id],
                deviceId: from.deviceId,
                op: envelope("create")
            )
        )
        try #require(reply.status == .created, "create failed: \(reply.text)")
        return try reply.decode(ConversationResponse.self).conversation
    }

    static func createGroup(_ admin: TestUser, members: [TestUser]) async throws -> Conversation {
        let reply = try await admin.api.send(
            .post,
            "/api/conversations/create",
            json: CreateConversationRequest(
                id: uniqueId("grp"),
                isGroup: true,
                participants: members.map(\.id),
                deviceId: admin.deviceId,
                op: envelope("create")
            )
        )
        try #require(reply.status == .created, "create failed: \(reply.text)")
        return try reply.decode(ConversationResponse.self).conversation
    }

    static func sendRaw(
        _ user: TestUser,
        to conversation: String,
        id: String = uniqueId("msg"),
        epoch: Int64 = 0,
        text: String = "hello",
        blobIds: [String]? = nil
    ) async throws -> APIClient.Reply {
        try await user.api.send(
            .post,
            "/api/messages/send/\(conversation)",
            json: SendMessageRequest(
                id: id,
                deviceId: user.deviceId,
                epoch: epoch,
                envelope: envelope(text),
                blobIds: blobIds
            )
        )
    }

    static func send(
        _ user: TestUser,
        to conversation: String,
        id: String = uniqueId("msg"),
        epoch: Int64 = 0,
        text: String = "hello",
        blobIds: [String]? = nil
    ) async throws -> Message {
        let reply = try await sendRaw(user, to: conversation, id: id, epoch: epoch, text: text, blobIds: blobIds)
        try #require(reply.status == .created, "send failed: \(reply.text)")
        return try reply.decode(MessageResponse.self).message
    }

    static func conversation(_ user: TestUser, _ id: String) async throws -> Conversation {
        let reply = try await user.api.get("/api/conversations/\(id)")
        try #require(reply.status == .ok, "get conversation failed: \(reply.text)")
        return try reply.decode(ConversationResponse.self).conversation
    }

    static func history(_ user: TestUser, _ conversation: String, query: String = "") async throws -> MessagesResponse {
        let reply = try await user.api.get("/api/messages/\(conversation)\(query)")
        try #require(reply.status == .ok, "history failed: \(reply.text)")
        return try reply.decode(MessagesResponse.self)
    }

    static func uploadBlob(_ user: TestUser, bytes: Int = 1024) async throws -> BlobInfo {
        let reply = try await user.api.request(
            .post,
            "/api/blobs",
            body: Data((0..<bytes).map { UInt8(truncatingIfNeeded: $0 &* 31) }),
            headers: [.contentType: "application/octet-stream"]
        )
        try #require(reply.status == .created, "upload failed: \(reply.text)")
        return try reply.decode(BlobResponse.self).blob
    }
}
