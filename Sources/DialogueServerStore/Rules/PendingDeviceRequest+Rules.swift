import DialogueProtocol
import Foundation

extension PendingDeviceRequest {
    /// What both stores answer and list: the request as stored, stamped with the time it arrived
    /// (a repeated announcement replaces the earlier one, time included).
    func pendingDevice(at now: Date) -> PendingDevice {
        PendingDevice(deviceId: deviceId, commitment: commitment, payload: payload, createdAt: now)
    }
}
