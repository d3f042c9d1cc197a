/// `security.safetyNumber`: The 60-digit safety number shared with a contact.
package struct SecuritySafetyNumberRequest: LocalRequest {
    package typealias Response = SafetyNumberView
    package static let method = "security.safetyNumber"
    package static let summary = "The 60-digit safety number shared with a contact."

    package var userId: String

    package init(userId: String) {
        self.userId = userId
    }
}
