/// `account.login`: Sign in to an existing account from this device (needsLink when its keys are on another device).
package struct AccountLoginRequest: LocalRequest {
    package typealias Response = AccountView
    package static let method = "account.login"
    package static let summary =
        "Sign in to an existing account from this device (needsLink when its keys are on another device)."

    package var server: String
    package var email: String
    package var password: String

    package init(server: String, email: String, password: String) {
        self.server = server
        self.email = email
        self.password = password
    }
}
