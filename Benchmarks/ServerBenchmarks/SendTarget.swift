/// Who sends where: one sender identity in one conversation it belongs to.
struct SendTarget: Sendable {
    var account: Account
    var conversationId: String
    var deviceId: String
}
