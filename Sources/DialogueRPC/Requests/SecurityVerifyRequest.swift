/// `security.verify`: Mark a contact verified after comparing safety numbers.
package struct SecurityVerifyRequest: LocalRequest {
    package typealias Response = VerificationView
    package static let method = "security.verify"
    package static let summary = "Mark a contact verified after comparing safety numbers."

    package var userId: String
    package var number: String

    package init(userId: String, number: String) {
        self.userId = userId
        self.number = number
    }
}
