import DialogueProtocol
import Testing

extension TestSocket {
    /// Reads a user's stream in four short connections, each resuming from the last cursor (on
    /// `ports` in turn) while `sender` sends, then, once it has sent all, a last one until `total`
    /// new messages have come; every event received, in order, checked for gaps and duplicates and
    /// against the texts `m0…`.
    @discardableResult
    static func readResuming(total: Int, token: String, ports: [Int], while sender: Task<Void, any Error>)
        async throws -> [SyncEvent]
    {
        var received: [SyncEvent] = []
        var cursor: Int64 = 0
        for round in 0..<4 {
            let socket = TestSocket(port: ports[round % ports.count], token: token, hello: cursor)
            try await socket.wait("some events") { _ in socket.events.count >= 5 }
            await socket.close()
            received += socket.events
            cursor = received.last?.seq ?? cursor
        }
        try await sender.value
        let last = TestSocket(port: ports[0], token: token, hello: cursor)
        try await last.wait(timeout: 20, "all messages") { _ in
            (received + last.events).filter { $0.type == .messageNew }.count >= total
        }
        await last.close()
        received += last.events
        let seqs = received.map(\.seq)
        #expect(seqs == Array(1...Int64(seqs.count)), "gap or duplicate in \(seqs)")
        let texts = received.compactMap { $0.data.message?.envelope }
        #expect(texts == (0..<total).map { Fixtures.envelope("m\($0)") })
        return received
    }
}
