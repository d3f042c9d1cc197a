/// `conversations.createGroup`: Create a group with this account as admin.
package struct ConversationsCreateGroupRequest: LocalRequest {
    package typealias Response = ConversationView
    package static let method = "conversations.createGroup"
    package static let summary = "Create a group with this account as admin."

    package var name: String
    package var memberIds: [String]
    package var avatarPath: String?

    package init(name: String, memberIds: [String], avatarPath: String? = nil) {
        self.name = name
        self.memberIds = memberIds
        self.avatarPath = avatarPath
    }
}
