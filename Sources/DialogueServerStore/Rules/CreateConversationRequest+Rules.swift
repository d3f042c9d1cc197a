import DialogueProtocol
import Foundation

/// The create rules, once for both stores: each store looks up which participants have accounts,
/// asks here, and checks the direct pair against its own table with the key this returns.
extension CreateConversationRequest {
    /// The participants besides the creator, sorted and without repeats: the order the members and
    /// the CREATE op list them in, and the order unknown users are reported in.
    func others(than creator: String) -> [String] {
        Array(Set(participants).subtracting([creator])).sorted()
    }

    /// Checks who the new conversation is with, in the order clients are told; returns the key
    /// that keeps one direct conversation per pair (`nil` for a group) for the store to look up
    /// before it creates anything.
    /// - Parameter knownUsers: Which of `others` have accounts.
    func directKey(creator: String, others: [String], knownUsers: Set<String>) throws(ServerStoreError) -> String? {
        if let unknown = others.first(where: { !knownUsers.contains($0) }) {
            throw ServerStoreError.notFound("The user \(unknown)")
        }
        if isGroup {
            guard !others.isEmpty else {
                throw ServerStoreError.invalidInput("A group needs at least one other participant.")
            }
            return nil
        }
        guard others.count == 1, let other = others.first else {
            throw ServerStoreError.invalidInput("A direct conversation has exactly one other participant.")
        }
        return [creator, other].sorted().joined(separator: ":")
    }

    /// The conversation's first op as it is logged and sent: it names every member, creator first.
    func createOp(creator: String, others: [String], at now: Date) -> ConversationOp {
        ConversationOp(
            conversationId: id,
            seq: 0,
            type: .create,
            authorId: creator,
            authorDeviceId: deviceId,
            memberIds: [creator] + others,
            role: nil,
            shareHistory: false,
            op: op,
            createdAt: now
        )
    }
}
