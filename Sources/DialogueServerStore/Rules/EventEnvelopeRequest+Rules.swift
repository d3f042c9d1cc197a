import DialogueProtocol
import Foundation

extension EventEnvelopeRequest {
    /// The reaction both stores store and send: the client's id, device, epoch and envelope, by
    /// `userId` at the time it arrived.
    func reaction(to messageId: String, by userId: String, at now: Date) -> Reaction {
        Reaction(
            id: id,
            messageId: messageId,
            userId: userId,
            deviceId: deviceId,
            epoch: epoch,
            envelope: envelope,
            createdAt: now
        )
    }
}
