import AsyncHTTPClient
import DialogueProtocol
import Foundation
import NIOCore

/// The REST calls the benchmark needs, made with AsyncHTTPClient against the real server.
///
/// Set-up calls use the shared wire types; the hot send path posts a body built from a
/// template that ``verifySendTemplate()`` checks against ``SendMessageRequest``, so that
/// client-side JSON encoding does not take CPU from the server under test.
struct APIClient: Sendable {
    let http: HTTPClient
    let baseURL: String
    /// Base64url text of the opaque envelope every benchmark message carries.
    let envelope: String

    init(http: HTTPClient, baseURL: String, envelopeBytes: Int) {
        self.http = http
        self.baseURL = baseURL
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<envelopeBytes).map { _ in UInt8.random(in: 0...255, using: &generator) }
        envelope = Base64URL.encode(Data(bytes))
    }

    /// Signs up a fresh account (the server must run with a lifted auth rate limit).
    func signup(index: Int) async throws -> Account {
        let request = SignupRequest(
            email: "bench\(index)-\(UInt32.random(in: 0...UInt32.max))@example.org",
            fullname: "Bench User \(index)",
            password: "bench-password-\(index)"
        )
        let body = try await post("/api/auth/signup", token: nil, body: try WireCoding.encoder().encode(request))
        guard body.status == 201 else { throw BenchmarkError("signup failed: \(body.status) \(body.text)") }
        let response = try WireCoding.decoder().decode(AuthResponse.self, from: Data(body.text.utf8))
        return Account(id: response.user.id, token: response.token)
    }

    /// Signs up `count` accounts, a few at a time (bcrypt runs on the server's thread pool).
    func signup(count: Int, offset: Int = 0) async throws -> [Account] {
        try await withThrowingTaskGroup(of: (Int, Account).self) { group in
            var accounts = [Account?](repeating: nil, count: count)
            var next = 0
            func addTask() {
                let index = next
                next += 1
                group.addTask { (index, try await signup(index: offset + index)) }
            }
            for _ in 0..<min(8, count) { addTask() }
            while let (index, account) = try await group.next() {
                accounts[index] = account
                if next < count { addTask() }
            }
            return accounts.compactMap { $0 }
        }
    }

    /// Creates a group with `creator` as admin and `participants` as members, at epoch 0.
    func createGroup(creator: Account, id: String, participants: [String]) async throws {
        let request = CreateConversationRequest(
            id: id,
            isGroup: true,
            participants: participants,
            deviceId: "bench-device-\(creator.id.prefix(8))",
            op: Bytes(Data("bench-create-op".utf8))
        )
        let body = try await post(
            "/api/conversations/create",
            token: creator.token,
            body: try WireCoding.encoder().encode(request)
        )
        guard body.status == 201 else { throw BenchmarkError("create group failed: \(body.status) \(body.text)") }
    }

    /// Sends one message; returns whether the server acknowledged it (201).
    func send(conversationId: String, token: String, deviceId: String, messageId: String) async -> Bool {
        let text = Self.sendBody(messageId: messageId, deviceId: deviceId, envelope: envelope)
        guard
            let response = try? await post("/api/messages/send/\(conversationId)", token: token, body: Data(text.utf8))
        else { return false }
        return response.status == 201
    }

    /// Checks once that the hand-built send body is exactly a ``SendMessageRequest``.
    func verifySendTemplate() throws {
        let text = Self.sendBody(messageId: "bmk-0-0", deviceId: "bench-device", envelope: envelope)
        let decoded = try WireCoding.decoder().decode(SendMessageRequest.self, from: Data(text.utf8))
        let expected = SendMessageRequest(
            id: "bmk-0-0",
            deviceId: "bench-device",
            epoch: 0,
            envelope: Bytes(Base64URL.decode(envelope) ?? Data())
        )
        guard decoded == expected else { throw BenchmarkError("the send body template does not match the wire type") }
    }

    private static func sendBody(messageId: String, deviceId: String, envelope: String) -> String {
        #"{"deviceId":"\#(deviceId)","envelope":"\#(envelope)","epoch":0,"id":"\#(messageId)"}"#
    }

    private func post(_ path: String, token: String?, body: Data) async throws -> (status: UInt, text: String) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        if let token { request.headers.add(name: "token", value: token) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await http.execute(request, timeout: .seconds(60))
        let buffer = try await response.body.collect(upTo: 1 << 20)
        return (response.status.code, String(buffer: buffer))
    }
}
