import DialogueProtocol
import Foundation
import Testing

@testable import DialogueServer

@Suite("Frame encoding")
struct FrameEncodingTests {
    @Test func theSharedEventFrameIsTheCanonicalEncoding() throws {
        let event = SyncEvent(
            seq: 42,
            type: .messageNew,
            createdAt: Date(timeIntervalSince1970: 1_795_737_600.5),
            data: EventData(conversationId: "c/1", messageId: "m", userId: "u")
        )
        let data = String(decoding: try WireCoding.encoder().encode(event.data), as: UTF8.self)
        let canonical = String(decoding: try WireCoding.encoder().encode(ServerFrame.event(event)), as: UTF8.self)
        #expect(SyncSession.eventFrame(event, encodedData: data) == canonical)
    }
}
