import DialogueProtocol
import Foundation

extension MailboxRequest {
    /// The item to store for `deviceId`: the server names it, with an id that sorts by arrival.
    func item(for deviceId: String, at now: Date) -> MailboxItem {
        MailboxItem(
            id: Identifier.make(now: now),
            deviceId: deviceId,
            fromDeviceId: fromDeviceId,
            payload: payload,
            createdAt: now
        )
    }
}
