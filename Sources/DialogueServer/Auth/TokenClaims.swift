import JWTKit

/// The JWT payload: who (`sub`), issued when, valid until when.
struct TokenClaims: JWTPayload {
    var sub: SubjectClaim
    var iat: IssuedAtClaim
    var exp: ExpirationClaim

    func verify(using algorithm: some JWTAlgorithm) async throws {
        // Expiry is checked by ``TokenService`` against the injected clock.
    }
}
