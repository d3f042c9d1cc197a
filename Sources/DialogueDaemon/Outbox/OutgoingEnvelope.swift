import DialogueProtocol

/// One sealed event on its way to the server, with the epoch it was sealed in.
struct OutgoingEnvelope: Sendable {
    var envelope: Bytes
    var epoch: Int64

    /// The body of an edit, delete or reaction request carrying this envelope.
    func request(_ eventId: String, deviceId: String) -> EventEnvelopeRequest {
        EventEnvelopeRequest(id: eventId, deviceId: deviceId, epoch: epoch, envelope: envelope)
    }
}
