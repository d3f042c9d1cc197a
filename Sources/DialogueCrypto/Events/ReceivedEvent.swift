/// An event that passed every check, with its plaintext and any counter gap to warn about.
package struct ReceivedEvent: Hashable, Sendable {
    package let header: EventHeader
    package let plaintext: EventPlaintext
    /// Counters of this sender device and epoch that have not arrived yet.
    package let missingCounters: [UInt64]
}
