/// The params of each method, decoded by the router (a mismatch answers -32602 naming the field).
extension DaemonHandlers {
    /// `{}`.
    struct NoParams: Decodable, Sendable {}

    /// `daemon.unlock {passphrase}`.
    struct UnlockParams: Decodable, Sendable {
        var passphrase: String
    }

    /// `daemon.setPassphrase {old, new}`.
    struct SetPassphraseParams: Decodable, Sendable {
        var old: String
        var new: String
    }

    /// `account.signup {server, email, fullname, password, bio?}`.
    struct SignupParams: Decodable, Sendable {
        var server: String
        var email: String
        var fullname: String
        var password: String
        var bio: String?
    }

    /// `account.login {server, email, password}`.
    struct LoginParams: Decodable, Sendable {
        var server: String
        var email: String
        var password: String
    }
}
