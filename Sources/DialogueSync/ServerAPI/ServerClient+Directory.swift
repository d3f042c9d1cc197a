import DialogueProtocol
import Foundation

/// The key directory and blobs: what the E2EE layer publishes and fetches.
extension ServerClient {
    /// `PUT /api/keys/device-list`.
    package func publishDeviceList(_ body: DeviceListRequest, token: String) async throws(ServerClientError)
        -> KeyBundle
    {
        let answer: KeyBundleResponse = try await call(
            .put, "api/keys/device-list", body: body, authentication: .session(token: token))
        return answer.keys
    }

    /// `PUT /api/keys/devices/:deviceId/seal`.
    package func publishSealCertificate(
        _ body: SealCertificateRequest,
        deviceId: String,
        token: String
    ) async throws(ServerClientError) {
        let _: KeyBundleResponse = try await call(
            .put, "api/keys/devices/\(try Self.segment(deviceId))/seal", body: body,
            authentication: .session(token: token))
    }

    /// `GET /api/keys/:userId`.
    package func keys(of userId: String, token: String) async throws(ServerClientError) -> KeyBundle {
        let answer: KeyBundleResponse = try await call(
            .get, "api/keys/\(try Self.segment(userId))", authentication: .session(token: token))
        return answer.keys
    }

    /// `POST /api/blobs`: uploads an encrypted blob.
    package func uploadBlob(_ bytes: [UInt8], token: String) async throws(ServerClientError) -> BlobInfo {
        let payload = try await exchange(
            .post, "api/blobs", body: Data(bytes), contentType: "application/octet-stream",
            authentication: .session(token: token))
        do {
            return try WireCoding.decoder().decode(BlobResponse.self, from: payload).blob
        } catch {
            throw ServerClientError(.failed, "The server's answer to a blob upload did not decode", cause: error)
        }
    }

    /// `GET /api/blobs/:id`: the encrypted bytes.
    package func downloadBlob(_ id: String, token: String) async throws(ServerClientError) -> [UInt8] {
        let payload = try await exchange(
            .get, "api/blobs/\(try Self.segment(id))", body: nil, contentType: "application/octet-stream",
            authentication: .session(token: token))
        return Array(payload)
    }

    /// `GET /api/messages/users`: the sidebar (profiles, presence, unread per direct chat).
    package func users(token: String) async throws(ServerClientError) -> [SidebarUser] {
        let answer: UsersResponse = try await call(.get, "api/messages/users", authentication: .session(token: token))
        return answer.users
    }

    /// `GET /api/messages/users?email=`: the one person with that address, if any; the server
    /// finds people by an address the caller already knows but never lists addresses.
    package func user(email: String, token: String) async throws(ServerClientError) -> SidebarUser? {
        let answer: UsersResponse = try await call(
            .get, "api/messages/users?email=\(try Self.segment(email))", authentication: .session(token: token))
        return answer.users.first
    }

    /// `PUT /api/auth/update-profile`.
    package func updateProfile(_ body: UpdateProfileRequest, token: String) async throws(ServerClientError) -> User {
        let answer: UserResponse = try await call(
            .put, "api/auth/update-profile", body: body, authentication: .session(token: token))
        return answer.user
    }
}
