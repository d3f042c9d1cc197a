import Testing

@testable import DialogueDaemon

/// What the outbox does after one attempt: an item is retried while retrying can help, and fails
/// for good (a send marked failed) only when it cannot.
@Suite struct OutboxVerdictTests {
    static func failure(_ code: DaemonError.Code, server: String? = nil, retryAfter: Int? = nil)
        -> Result<Void, DaemonError>
    {
        var error = DaemonError(code, "refused", retryAfter: retryAfter)
        error.serverCode = server
        return .failure(error)
    }

    @Test func anAcceptedSendLeavesTheOutbox() {
        #expect(OutboxVerdict(.success(())) == .sent)
    }

    @Test(arguments: [DaemonError.Code.offline, .notSignedIn, .failed])
    func aTransientFailureRetriesAfterTheBackoff(code: DaemonError.Code) {
        #expect(OutboxVerdict(Self.failure(code)) == .retry(after: nil))
    }

    @Test func aRateLimitRetriesWhenTheServerSaid() {
        #expect(OutboxVerdict(Self.failure(.rateLimited, retryAfter: 7)) == .retry(after: 7))
        #expect(OutboxVerdict(Self.failure(.rateLimited)) == .retry(after: nil))
    }

    @Test(arguments: ["stale_epoch", "seq_conflict"])
    func aLogWeAreBehindOnIsCaughtUpBeforeTheRetry(server: String) {
        #expect(OutboxVerdict(Self.failure(.conflict, server: server)) == .catchUp(retryAfter: 0.05))
    }

    @Test func aRefusalRetryingCannotFixGivesUp() {
        #expect(OutboxVerdict(Self.failure(.conflict, server: "conversation_exists")) == .giveUp)
        #expect(OutboxVerdict(Self.failure(.conflict)) == .giveUp)
        for code in [DaemonError.Code.forbidden, .notFound, .invalidInput, .untrustedIdentity, .locked] {
            #expect(OutboxVerdict(Self.failure(code)) == .giveUp)
        }
    }
}
