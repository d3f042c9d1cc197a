import Foundation
import JWTKit

/// Issues and checks HS256 bearer tokens.
///
/// Only HS256 under our own key verifies: `alg: none`, other algorithms, foreign keys, tampered
/// payloads and expired tokens are all refused the same way (`unauthorized`).
struct TokenService: Sendable {
    private let keys: JWTKeyCollection
    private let lifetime: TimeInterval
    private let clock: any ServerClock

    init(secret: String, lifetimeSeconds: Int, clock: any ServerClock) async {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.keys = keys
        self.lifetime = TimeInterval(lifetimeSeconds)
        self.clock = clock
    }

    func issue(userId: String) async throws -> String {
        let now = clock.now()
        let claims = TokenClaims(
            sub: SubjectClaim(value: userId),
            iat: IssuedAtClaim(value: now),
            exp: ExpirationClaim(value: now.addingTimeInterval(lifetime))
        )
        return try await keys.sign(claims)
    }

    /// The user id in a valid token.
    /// - Throws: ``ServerError/unauthorized`` for anything but a valid, unexpired token of ours.
    func verify(_ token: String) async throws -> String {
        do {
            let claims = try await keys.verify(token, as: TokenClaims.self)
            guard claims.exp.value > clock.now() else {
                throw ServerError(.unauthorized, code: .tokenExpired, "Your session expired: log in again.")
            }
            return claims.sub.value
        } catch let error as ServerError {
            throw error
        } catch {
            throw ServerError.unauthorized
        }
    }
}
