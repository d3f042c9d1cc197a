/// One turn of the assistant conversation kept locally (`bot.history`).
package struct BotTurnView: Codable, Sendable, Equatable {
    package enum Role: String, Codable, Sendable, CaseIterable {
        case user, assistant
    }

    package var role: Role
    package var text: String
    package var createdAt: String

    package init(role: Role, text: String, createdAt: String) {
        self.role = role
        self.text = text
        self.createdAt = createdAt
    }
}
