/// `account.signup`: Create the account and this device's identity keys, publish them, sign in.
package struct AccountSignupRequest: LocalRequest {
    package typealias Response = AccountView
    package static let method = "account.signup"
    package static let summary = "Create the account and this device's identity keys, publish them, sign in."

    package var server: String
    package var email: String
    package var fullname: String
    package var password: String
    package var bio: String?

    package init(server: String, email: String, fullname: String, password: String, bio: String? = nil) {
        self.server = server
        self.email = email
        self.fullname = fullname
        self.password = password
        self.bio = bio
    }
}
