/// `account.updateProfile`: Change the name, bio or avatar.
package struct AccountUpdateProfileRequest: LocalRequest {
    package typealias Response = AccountView
    package static let method = "account.updateProfile"
    package static let summary = "Change the name, bio or avatar."

    package var fullname: String?
    package var bio: String?
    package var avatarPath: String?

    package init(fullname: String? = nil, bio: String? = nil, avatarPath: String? = nil) {
        self.fullname = fullname
        self.bio = bio
        self.avatarPath = avatarPath
    }
}
