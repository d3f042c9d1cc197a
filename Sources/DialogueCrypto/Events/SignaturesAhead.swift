import Synchronization

/// Signatures checked as events arrive, shared out between the sync reader and the applier: the
/// reader checks each event's envelopes after queueing it, while earlier events are applied (and
/// the applier checks those of a batch it is still gathering); the applier takes what is checked
/// when it opens a batch and claims the rest, which its own `open` then checks, so the reader
/// skips them. Each signature is checked once, on whichever core gets
/// to it first. Entries bind bytes to a key exactly as in ``SignatureChecks``, so a key that
/// changed in between is simply checked again by `open`.
package final class SignaturesAhead: Sendable {
    private enum Entry {
        /// The reader is checking it.
        case checking
        case verified(bytes: [UInt8], key: [UInt8])
        /// The applier has it: the reader leaves it (or drops its result).
        case taken
    }

    private struct State {
        var directory = VerifiedDirectory()
        var entries: [SignatureChecks.Fingerprint: Entry] = [:]
    }

    private let state = Mutex(State())

    package init() {}

    /// The keys the next checks use (the applier's current directory).
    package func use(_ directory: VerifiedDirectory) {
        state.withLock { $0.directory = directory }
    }

    /// Checks envelopes the applier has not claimed, outside the lock. What does not verify is
    /// not noted (`open` reports it in order). More than one thread may check ahead (the reader,
    /// and the applier while it waits for a batch to fill): an envelope another one is checking,
    /// or has checked, is left to it.
    package func check(_ envelopes: [[UInt8]]) {
        for bytes in envelopes {
            let fingerprint = SignatureChecks.Fingerprint(bytes)
            let directory = state.withLock { state -> VerifiedDirectory? in
                switch state.entries[fingerprint] {
                case .taken:
                    state.entries[fingerprint] = nil
                    return nil
                case .checking, .verified:
                    return nil
                case nil:
                    state.entries[fingerprint] = .checking
                    return state.directory
                }
            }
            guard let directory else { continue }
            let key = SignatureChecks.verifiedKey(bytes, directory: directory)
            state.withLock { state in
                guard case .checking = state.entries[fingerprint] else {
                    state.entries[fingerprint] = nil
                    return
                }
                state.entries[fingerprint] = key.map { .verified(bytes: bytes, key: $0) }
            }
        }
    }

    /// Hands over what is checked of a batch's envelopes and claims the rest for the applier.
    package func take(_ envelopes: [[UInt8]]) -> SignatureChecks {
        state.withLock { state in
            var taken = SignatureChecks()
            for bytes in envelopes {
                let fingerprint = SignatureChecks.Fingerprint(bytes)
                switch state.entries[fingerprint] {
                case .verified(let checked, let key) where checked == bytes:
                    taken.note(bytes, verifiedUnder: key)
                    state.entries[fingerprint] = nil
                default:
                    state.entries[fingerprint] = .taken
                }
            }
            return taken
        }
    }

    /// Forgets everything (the connection closed: what it read is asked for again).
    package func removeAll() {
        state.withLock { $0.entries = [:] }
    }

    /// How many envelopes are tracked (checked, being checked or claimed).
    package var pending: Int { state.withLock { $0.entries.count } }
}
