import Crypto
import DialogueProtocol
import Foundation
import HTTPTypes
import Testing

@Suite("Accounts and tokens")
struct AccountTests {
    @Test(arguments: TestStore.allCases) func signupReturnsTokenAndProfileWithoutPassword(store: TestStore) async throws
    {
        try await withTestServer(store: store) { server in
            let reply = try await server.api().send(
                .post,
                "/api/auth/signup",
                json: SignupRequest(email: "  Ada@Example.org ", fullname: " Ada ", password: "longenough", bio: "hi")
            )
            #expect(reply.status == .created)
            let auth = try reply.decode(AuthResponse.self)
            #expect(auth.user.email == "ada@example.org")
            #expect(auth.user.fullname == "Ada")
            #expect(!reply.text.contains("password"))
            #expect(!reply.text.contains("$2b$"))

            let check = try await server.api(token: auth.token).get("/api/auth/check")
            #expect(check.status == .ok)
            #expect(try check.decode(UserResponse.self).user.id == auth.user.id)
        }
    }

    @Test(
        "signup validation",
        arguments: [
            (#"{"email":"not-an-email","fullname":"A","password":"longenough"}"#, "email"),
            (#"{"email":"a@b","fullname":"A","password":"longenough"}"#, "email"),
            (#"{"email":"a@b.org","fullname":"A","password":"short"}"#, "password"),
            (#"{"email":"a@b.org","fullname":"   ","password":"longenough"}"#, "fullname"),
            (
                #"{"email":"a@b.org","fullname":"\#(String(repeating: "x", count: 65))","password":"longenough"}"#,
                "fullname"
            ),
            (#"{"email":"a@b.org","password":"longenough"}"#, "fullname"),
            (#"{"email":"a@b.org","fullname":7,"password":"longenough"}"#, "fullname"),
            (#"{"email":"a@b.org","fullname":"A","password":"longenough""#, "JSON"),
            ("", "body"),
        ]
    )
    func signupValidation(body: String, mentions: String) async throws {
        try await withTestServer { server in
            let reply = try await server.api().request(.post, "/api/auth/signup", body: Data(body.utf8))
            #expect(reply.status == .badRequest)
            let error = try reply.decode(ErrorResponse.self)
            #expect(error.success == false)
            #expect(error.code == "invalid_input")
            #expect(error.message.contains(mentions), "\(error.message)")
        }
    }

    @Test(arguments: TestStore.allCases) func duplicateEmailIsRefused(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let first = SignupRequest(email: "dup@example.org", fullname: "One", password: "longenough")
            #expect(try await server.api().send(.post, "/api/auth/signup", json: first).status == .created)
            let again = try await server.api().send(.post, "/api/auth/signup", json: first)
            #expect(again.status == .conflict)
            #expect(again.code == "email_taken")
        }
    }

    @Test(arguments: TestStore.allCases) func loginFailuresDoNotRevealWhetherTheAccountExists(store: TestStore)
        async throws
    {
        try await withTestServer(store: store) { server in
            let signup = SignupRequest(email: "bo@example.org", fullname: "Bo", password: "longenough")
            _ = try await server.api().send(.post, "/api/auth/signup", json: signup)
            let good = try await server.api().send(
                .post,
                "/api/auth/login",
                json: LoginRequest(email: "BO@example.org", password: "longenough")
            )
            #expect(good.status == .ok)
            #expect(try good.decode(AuthResponse.self).user.email == "bo@example.org")

            let wrongPassword = try await server.api().send(
                .post,
                "/api/auth/login",
                json: LoginRequest(email: "bo@example.org", password: "wrong-password")
            )
            let unknownEmail = try await server.api().send(
                .post,
                "/api/auth/login",
                json: LoginRequest(email: "nobody@example.org", password: "wrong-password")
            )
            #expect(wrongPassword.status == .unauthorized)
            #expect(unknownEmail.status == .unauthorized)
            #expect(wrongPassword.body == unknownEmail.body)
        }
    }

    @Test(arguments: TestStore.allCases) func eleventhLoginInTheWindowIsRateLimited(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let attempt = LoginRequest(email: "x@example.org", password: "whatever1")
            for _ in 0..<10 {
                let reply = try await server.api().send(.post, "/api/auth/login", json: attempt)
                #expect(reply.status == .unauthorized)
            }
            let limited = try await server.api().send(.post, "/api/auth/login", json: attempt)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.code == "rate_limited")
            let retryAfter = try #require(limited.headers[.retryAfter].flatMap(Int.init))
            #expect(retryAfter > 0 && retryAfter <= 15 * 60)

            // The window is per address and per period: after it passes, logins work again.
            server.clock.advance(by: 15 * 60 + 1)
            let later = try await server.api().send(.post, "/api/auth/login", json: attempt)
            #expect(later.status == .unauthorized)
        }
    }

    @Test(arguments: TestStore.allCases) func aSixteenMegabyteBodyIsRefusedWith413(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let user = try await Fixtures.signup(server, name: "Big")
            let body = Data(repeating: 0x61, count: 16 * 1024 * 1024)
            let reply = try await user.api.request(.put, "/api/auth/update-profile", body: body)
            #expect(reply.status == .contentTooLarge)
            #expect(reply.code == "payload_too_large")
            let blob = try await user.api.request(
                .post,
                "/api/blobs",
                body: body,
                headers: [.contentType: "application/octet-stream"]
            )
            #expect(blob.status == .contentTooLarge)
        }
    }

    @Test(arguments: TestStore.allCases) func updateProfileChangesNameBioAndAvatar(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let user = try await Fixtures.signup(server, name: "Cy")
            let avatar = try await Fixtures.uploadBlob(user)
            let reply = try await user.api.send(
                .put,
                "/api/auth/update-profile",
                json: UpdateProfileRequest(fullname: "Cyrus", bio: "new bio", avatarBlobId: avatar.id)
            )
            #expect(reply.status == .ok)
            let updated = try reply.decode(UserResponse.self).user
            #expect(updated.fullname == "Cyrus")
            #expect(updated.bio == "new bio")
            #expect(updated.avatarBlobId == avatar.id)
            let cleared = try await user.api.send(
                .put,
                "/api/auth/update-profile",
                json: UpdateProfileRequest(avatarBlobId: "")
            )
            #expect(try cleared.decode(UserResponse.self).user.avatarBlobId == nil)
            _ = try await user.api.send(
                .put, "/api/auth/update-profile", json: UpdateProfileRequest(avatarBlobId: avatar.id))

            let other = try await Fixtures.signup(server, name: "Di")
            let foreign = try await other.api.send(
                .put,
                "/api/auth/update-profile",
                json: UpdateProfileRequest(avatarBlobId: "no-such-blob")
            )
            #expect(foreign.status == .notFound)
            // Anyone signed in can fetch a profile picture.
            #expect(try await other.api.get("/api/blobs/\(avatar.id)").status == .ok)
        }
    }

    @Test(arguments: TestStore.allCases) func bearerHeaderIsAcceptedToo(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let user = try await Fixtures.signup(server, name: "Ed")
            let reply = try await server.api().request(
                .get,
                "/api/auth/check",
                headers: [.authorization: "Bearer \(user.token)"]
            )
            #expect(reply.status == .ok)
            // A token in the URL is only for the WebSocket upgrade; elsewhere it would leak into logs.
            #expect(try await server.api().get("/api/auth/check?token=\(user.token)").status == .unauthorized)
        }
    }

    @Test(arguments: TestStore.allCases) func badTokensAreRefused(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let user = try await Fixtures.signup(server, name: "Flo")
            let parts = user.token.split(separator: ".").map(String.init)
            try #require(parts.count == 3)

            func encode(_ json: String) -> String { Base64URL.encode(Data(json.utf8)) }
            let payload = try #require(Base64URL.decode(parts[1]))
            var claims = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
            claims["sub"] = "someone-else"
            let forgedPayload = Base64URL.encode(try JSONSerialization.data(withJSONObject: claims))
            let algNone = encode(#"{"alg":"none","typ":"JWT"}"#) + "." + parts[1] + "."
            let tampered = parts[0] + "." + forgedPayload + "." + parts[2]
            let wrongKey: String = {
                let header = encode(#"{"alg":"HS256","typ":"JWT"}"#)
                let signingInput = header + "." + parts[1]
                let mac = HMAC<SHA256>.authenticationCode(
                    for: Data(signingInput.utf8),
                    using: SymmetricKey(data: Data("another-secret-0123456789abcdef0123".utf8))
                )
                return signingInput + "." + Base64URL.encode(Data(mac))
            }()
            for token in [algNone, tampered, wrongKey, "garbage", ""] {
                let reply = try await server.api(token: token).get("/api/auth/check")
                #expect(reply.status == .unauthorized, "token \(token) was accepted")
            }
            #expect(try await server.api().get("/api/auth/check").status == .unauthorized)
        }
    }

    @Test(arguments: TestStore.allCases) func expiredTokensAreRefused(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let user = try await Fixtures.signup(server, name: "Gus")
            #expect(try await user.api.get("/api/auth/check").status == .ok)
            server.clock.advance(by: Double(server.configuration.tokenLifetimeSeconds) + 1)
            let reply = try await user.api.get("/api/auth/check")
            #expect(reply.status == .unauthorized)
            #expect(reply.code == "token_expired")
        }
    }

    @Test(arguments: TestStore.allCases) func unknownRoutesAndHealth(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let missing = try await server.api().get("/api/nothing-here")
            #expect(missing.status == .notFound)
            #expect(missing.code == "not_found")
            let health = try await server.api().get("/api/health")
            #expect(health.status == .ok)
            #expect(try health.decode(HealthResponse.self).store == store.rawValue)
        }
    }
}
