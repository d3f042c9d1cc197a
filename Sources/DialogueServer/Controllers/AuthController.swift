import DialogueProtocol
import DialogueServerStore
import Hummingbird

/// `/api/auth/*`: sign-up, login, token check and profile, as the original's table has them.
struct AuthController {
    let store: any ServerStore
    let tokens: TokenService
    let hasher: PasswordHasher
    let decoyHash: String
    let clock: any ServerClock

    func addPublicRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("signup", use: signup)
        group.post("login", use: login)
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("check", use: check)
        group.put("update-profile", use: updateProfile)
    }

    @Sendable func signup(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(SignupRequest.self, context: context)
        let email = try Validation.email(body.email)
        try Validation.password(body.password)
        let user = NewUser(
            email: email,
            fullname: try Validation.fullname(body.fullname),
            bio: try Validation.bio(body.bio),
            passwordHash: try await hasher.hash(body.password)
        )
        let created = try await store.createUser(user, now: clock.now())
        context.logger.info("account created", metadata: ["user": "\(created.id)"])
        return try .json(
            AuthResponse(token: try await tokens.issue(userId: created.id), user: created), status: .created)
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(LoginRequest.self, context: context)
        let email = body.email.trimmingCharacters(in: .whitespaces).lowercased()
        guard let found = try await store.credentials(email: email) else {
            // Same work as a real check, so timing does not reveal which e-mails have accounts.
            _ = try await hasher.verify(body.password, hash: decoyHash)
            throw ServerError.invalidCredentials
        }
        guard try await hasher.verify(body.password, hash: found.passwordHash) else {
            throw ServerError.invalidCredentials
        }
        return try .json(AuthResponse(token: try await tokens.issue(userId: found.user.id), user: found.user))
    }

    @Sendable func check(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = try await store.user(id: try context.requireUser()) else { throw ServerError.unauthorized }
        return try .json(UserResponse(user: user))
    }

    @Sendable func updateProfile(_ request: Request, context: AppRequestContext) async throws -> Response {
        var body = try await request.decodeJSON(UpdateProfileRequest.self, context: context)
        if let fullname = body.fullname { body.fullname = try Validation.fullname(fullname) }
        if let bio = body.bio { body.bio = try Validation.bio(bio) }
        let user = try await store.updateProfile(userId: try context.requireUser(), change: body, now: clock.now())
        return try .json(UserResponse(user: user))
    }
}
