import DialogueProtocol

/// An event that is durably in `userId`'s log, with its payload filled in for live delivery.
package struct CommittedEvent: Sendable {
    package var userId: String
    package var event: SyncEvent

    package init(userId: String, event: SyncEvent) {
        self.userId = userId
        self.event = event
    }
}
