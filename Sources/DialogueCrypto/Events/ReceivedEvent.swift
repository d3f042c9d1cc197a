/// An event that passed every check, with its plaintext and any counter gap to warn about.
package struct ReceivedEvent: Hashable, Sendable {
    package let header: EventHeader
    package let plaintext: EventPlaintext
    /// Counter ranges of this sender device and epoch that have not arrived yet (sorted, disjoint).
    package let missingCounters: [ClosedRange<UInt64>]
}
