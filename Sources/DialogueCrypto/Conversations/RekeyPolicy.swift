/// When the next sender must publish a REKEY before sending: after a LEAVE, after a device of a
/// member was revoked, and every 7 days or 1000 events in an epoch. (REMOVE is itself a rekey.)
package struct RekeyPolicy: Hashable, Sendable {
    package var maxEpochAgeMs: UInt64 = 7 * 24 * 3600 * 1000
    package var maxEventsPerEpoch: Int = 1000

    package init() {}

    /// The reason a rekey is due now, or `nil`.
    /// - Parameters:
    ///   - eventsInEpoch: events seen or sent in the current epoch.
    ///   - nowMs: injectable clock.
    package func reason(
        state: ConversationState,
        directory: VerifiedDirectory,
        eventsInEpoch: Int,
        nowMs: UInt64
    ) -> OpPayload.RekeyReason? {
        if state.memberLeftSinceRekey { return .memberLeft }
        guard let epoch = state.epoch(state.currentEpoch) else { return .other }
        let current = Set(
            state.roster.users.flatMap { directory[$0]?.devices.keys.map { $0 } ?? [] })
        if !epoch.recipients.isSubset(of: current) { return .deviceRevoked }
        if nowMs >= epoch.startedAtMs, nowMs - epoch.startedAtMs >= maxEpochAgeMs { return .periodic }
        if eventsInEpoch >= maxEventsPerEpoch { return .periodic }
        return nil
    }
}
