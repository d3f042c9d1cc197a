/// `account.logout`: Sign out and forget the session token.
package struct AccountLogoutRequest: LocalRequest {
    package typealias Response = EmptyResult
    package static let method = "account.logout"
    package static let summary = "Sign out and forget the session token."

    package init() {}
}
