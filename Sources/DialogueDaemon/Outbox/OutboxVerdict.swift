/// What the outbox does with an item after one attempt to send it.
///
/// Pure, so the rules that keep an item queued or fail it for good are tested without a server:
/// an item is retried with the same id (the server stores a retried id once) until it goes out or
/// fails for a reason retrying cannot fix.
enum OutboxVerdict: Sendable, Equatable {
    /// The server took it: the item leaves the outbox.
    case sent
    /// A transient failure (offline, signed out, a server error, rate limited): the item stays and
    /// the pass stops, to try again after `after` seconds (the backoff when `nil`).
    case retry(after: Double?)
    /// Our view of the op log is behind: catch up, then retry soon; the next pass seals in the new
    /// epoch.
    case catchUp(retryAfter: Double)
    /// Retrying cannot help: the item leaves the outbox, and a send is marked failed.
    case giveUp

    /// The verdict on one attempt's outcome.
    init(_ outcome: Result<Void, DaemonError>) {
        guard case .failure(let error) = outcome else {
            self = .sent
            return
        }
        switch error.code {
        case .offline, .notSignedIn, .failed:
            self = .retry(after: nil)
        case .rateLimited:
            self = .retry(after: error.retryAfter.map(Double.init))
        case .conflict where error.serverCode == "stale_epoch" || error.serverCode == "seq_conflict":
            self = .catchUp(retryAfter: 0.05)
        default:
            self = .giveUp
        }
    }
}
