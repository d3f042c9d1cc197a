import HummingbirdBcrypt
import NIOPosix

/// bcrypt on NIO's thread pool, so hashing (tens of milliseconds) never blocks an event loop.
struct PasswordHasher: Sendable {
    let cost: UInt8

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A hash to verify against when the e-mail is unknown, so that a failed login takes as long
    /// whether or not the account exists.
    func decoyHash() async throws -> String {
        try await hash("decoy-password-for-unknown-accounts")
    }
}
