/// Per-conversation receive bookkeeping: seen event ids (replay), per-(device, epoch) counters
/// (gap reporting) and the facts about past messages that the edit and delete rules need.
package struct EventTracker: Sendable {
    /// What the rules need to know about a received message.
    package struct MessageFacts: Hashable, Sendable {
        package let author: UserID
        package let sentAtMs: UInt64
        package let hasAttachments: Bool

        package init(author: UserID, sentAtMs: UInt64, hasAttachments: Bool) {
            self.author = author
            self.sentAtMs = sentAtMs
            self.hasAttachments = hasAttachments
        }
    }

    private struct CounterKey: Hashable {
        let device: DeviceID
        let epoch: UInt64
    }

    /// Counters seen for one device and epoch, with the gaps below the highest one kept as sorted,
    /// disjoint ranges so a long gap costs one element, not one per missing counter.
    private struct CounterState {
        var events: [UInt64: EventID] = [:]
        var highest: UInt64?
        var missing: [ClosedRange<UInt64>] = []

        mutating func fill(_ counter: UInt64) {
            // Ranges are sorted and disjoint: find the one holding `counter` by binary search.
            var low = 0
            var high = missing.count
            while low < high {
                let mid = (low + high) / 2
                if missing[mid].upperBound < counter { low = mid + 1 } else { high = mid }
            }
            guard low < missing.count, missing[low].contains(counter) else { return }
            let range = missing[low]
            var replacement: [ClosedRange<UInt64>] = []
            if range.lowerBound < counter { replacement.append(range.lowerBound...(counter - 1)) }
            if counter < range.upperBound { replacement.append((counter + 1)...range.upperBound) }
            missing.replaceSubrange(low...low, with: replacement)
        }
    }

    var seen: Set<EventID> = []
    private var counters: [CounterKey: CounterState] = [:]
    package internal(set) var messages: [EventID: MessageFacts] = [:]
    package private(set) var eventsPerEpoch: [UInt64: Int] = [:]

    package init() {}

    package func hasSeen(_ id: EventID) -> Bool { seen.contains(id) }

    /// Refuses a replayed id or a reused counter.
    package func check(_ header: EventHeader) throws(CryptoError) {
        guard !seen.contains(header.eventID) else {
            throw CryptoError(.replay, "event \(header.eventID) was already received")
        }
        let key = CounterKey(device: header.senderDevice, epoch: header.epoch)
        if let other = counters[key]?.events[header.counter], other != header.eventID {
            throw CryptoError(.counterReuse, "counter \(header.counter) reused by device \(header.senderDevice)")
        }
    }

    /// Records an accepted event; returns the counter ranges still missing below the highest one
    /// seen for that device and epoch (the "messages may be missing" warning).
    package mutating func record(_ header: EventHeader, plaintext: EventPlaintext) -> [ClosedRange<UInt64>] {
        seen.insert(header.eventID)
        eventsPerEpoch[header.epoch, default: 0] += 1
        let key = CounterKey(device: header.senderDevice, epoch: header.epoch)
        // Taken out of the dictionary so the mutation below does not copy it.
        var state = counters.removeValue(forKey: key) ?? CounterState()
        let counter = header.counter
        state.events[counter] = header.eventID
        if let highest = state.highest {
            if counter > highest {
                if counter > highest + 1 { state.missing.append((highest + 1)...(counter - 1)) }
                state.highest = counter
            } else {
                state.fill(counter)
            }
        } else {
            if counter > 0 { state.missing.append(0...(counter - 1)) }
            state.highest = counter
        }
        counters[key] = state
        if case .message(_, _, let attachments) = plaintext {
            messages[header.eventID] = MessageFacts(
                author: header.sender, sentAtMs: header.sentAtMs, hasAttachments: !attachments.isEmpty)
        }
        return missingCounters(device: header.senderDevice, epoch: header.epoch)
    }

    /// Counters below the highest seen that never arrived, for one device and epoch.
    package func missingCounters(device: DeviceID, epoch: UInt64) -> [ClosedRange<UInt64>] {
        counters[CounterKey(device: device, epoch: epoch)]?.missing ?? []
    }
}
