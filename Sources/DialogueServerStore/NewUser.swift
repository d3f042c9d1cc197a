/// A validated sign-up, password already hashed.
package struct NewUser: Sendable {
    package var email: String
    package var fullname: String
    package var bio: String
    package var passwordHash: String

    package init(email: String, fullname: String, bio: String, passwordHash: String) {
        self.email = email
        self.fullname = fullname
        self.bio = bio
        self.passwordHash = passwordHash
    }
}
