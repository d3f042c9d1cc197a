import Synchronization

/// Hands out unique, time-stamped message ids for one server run.
final class IdSource: Sendable {
    private let next = Atomic<Int>(0)

    /// A fresh id stamped with the current time (taken just before the request is sent).
    func messageId() -> String {
        let sequence = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return DeliveryMarker.messageId(sequence: sequence, sentAt: DeliveryMarker.now())
    }
}
