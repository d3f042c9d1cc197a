/// `account.me`: The signed-in account's profile.
package struct AccountMeRequest: LocalRequest {
    package typealias Response = AccountView
    package static let method = "account.me"
    package static let summary = "The signed-in account's profile."

    package init() {}
}
