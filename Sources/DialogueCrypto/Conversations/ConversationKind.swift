/// Direct (exactly two users, no membership changes) or group.
package enum ConversationKind: UInt8, Hashable, Sendable {
    case direct = 1
    case group = 2
}
