import DialogueProtocol

/// Receives the events of each committed transaction, in commit order, for live delivery.
package protocol EventSink: Sendable {
    func publish(_ events: [CommittedEvent]) async

    /// Another instance committed events: each user's log now reaches at least this sequence
    /// number. Connections behind it read the log themselves, so a mark may repeat or arrive late.
    func logAdvanced(_ marks: [String: Int64]) async

    /// Users with a live connection here: the only ones whose marks matter to this instance.
    func subscribedUsers() async -> Set<String>
}
