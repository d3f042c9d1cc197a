import DialogueRPC
import DialogueStore
import Foundation

extension ConversationBook {
    /// A conversation as front ends see it; members and the admin come from the verified roster.
    /// - Parameters:
    ///   - name: A person's display name (a direct conversation is named for the other person).
    ///   - lastMessage: The view of the newest message.
    ///   - avatarURL: The decrypted group avatar, when it is here.
    func view(
        _ id: String, me: String, tally: MessageTally, name: (String) -> String,
        lastMessage: (CachedMessage) -> MessageView, avatarURL: (CachedAttachment) -> URL?
    ) -> ConversationView? {
        guard let record = records[id] else { return nil }
        let roster = sessions[id]?.state?.roster
        let members = roster?.users.map(\.rawValue) ?? []
        let title = record.isGroup ? record.name ?? "Group" : name(members.first { $0 != me } ?? me)
        var view = ConversationView(
            id: id, isGroup: record.isGroup, name: title, members: members, unread: tally.unread(in: id),
            muted: record.muted, removed: record.removed)
        if record.isGroup, let admin = roster?.users.first(where: { roster?.isAdmin($0) ?? false }) {
            view.admin = admin.rawValue
        }
        view.lastMessage = tally.newest[id].map(lastMessage)
        if record.isGroup, let avatar = record.avatar, let url = avatarURL(avatar) {
            view.avatarUrl = url.absoluteString
        }
        return view
    }

    /// `conversations.list`'s order and filter: newest activity first; a conversation this user
    /// left stays listed while it has history.
    func listed(filter: String?, tally: MessageTally) throws(DaemonError) -> [String] {
        let filter = filter ?? "all"
        guard ["all", "direct", "groups", "unread"].contains(filter) else {
            throw DaemonError(.invalidInput, "filter must be all, direct, groups or unread")
        }
        return records.values.filter { record in
            guard !record.removed || tally.newest[record.id] != nil else { return false }
            switch filter {
            case "direct": return !record.isGroup
            case "groups": return record.isGroup
            case "unread": return tally.unread(in: record.id) > 0
            default: return true
            }
        }.sorted { lhs, rhs in
            (tally.newest[lhs.id]?.createdAt ?? lhs.createdAt) > (tally.newest[rhs.id]?.createdAt ?? rhs.createdAt)
        }.map(\.id)
    }
}
