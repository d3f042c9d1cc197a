import DialogueRPC

extension ChatPresence {
    init(_ view: PresenceView) {
        self.init(online: view.online, lastSeen: view.lastSeen)
    }
}
