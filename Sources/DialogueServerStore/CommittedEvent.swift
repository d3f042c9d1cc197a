import DialogueProtocol

/// An event that is durably in `userId`'s log, with its payload filled in for live delivery.
package struct CommittedEvent: Sendable {
    package var userId: String
    package var event: SyncEvent
    /// `event.data` in the canonical wire JSON, encoded once for every recipient of the event.
    package var encodedData: String?

    package init(userId: String, event: SyncEvent, encodedData: String? = nil) {
        self.userId = userId
        self.event = event
        self.encodedData = encodedData
    }
}
