import DialogueProtocol

/// Receives the events of each committed transaction, in commit order, for live delivery.
package protocol EventSink: Sendable {
    func publish(_ events: [CommittedEvent]) async
}
