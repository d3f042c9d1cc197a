extension ConversationRecord {
    /// Takes the name and avatar a verified op's metadata carries.
    mutating func show(_ info: GroupInfo) {
        name = info.name
        avatarBlobId = info.avatarBlobId
        avatar = info.avatar
    }
}
