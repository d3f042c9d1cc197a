import Foundation
import Testing

@testable import DialogueDaemon

/// The outbox's stored form is the flat object earlier versions wrote: items queued before an
/// upgrade must still decode to the same intent, and what is written now must read back.
@Suite struct OutboxIntentTests {
    static let conversation = "c0ffee00c0ffee00c0ffee00c0ffee00"
    static let message = "0123456789abcdef0123456789abcdef"
    static let event = "fedcba9876543210fedcba9876543210"

    /// Golden payloads, as the outbox wrote them before intents were an enum (sorted keys).
    static let stored: [(String, OutboxIntent)] = [
        (
            #"{"conversationId":"\#(conversation)","kind":"send","messageId":"\#(message)","replyTo":"\#(event)","text":"hi"}"#,
            .send(conversationId: conversation, messageId: message, text: "hi", replyTo: event, attachment: nil)
        ),
        (
            #"{"conversationId":"\#(conversation)","eventId":"\#(event)","kind":"edit","messageId":"\#(message)","text":"better"}"#,
            .edit(conversationId: conversation, messageId: message, eventId: event, text: "better")
        ),
        (
            #"{"conversationId":"\#(conversation)","eventId":"\#(event)","kind":"delete","messageId":"\#(message)"}"#,
            .delete(conversationId: conversation, messageId: message, eventId: event)
        ),
        (
            #"{"conversationId":"\#(conversation)","emoji":"👍","eventId":"\#(event)","kind":"react","messageId":"\#(message)","on":false}"#,
            .react(conversationId: conversation, messageId: message, eventId: event, emoji: "👍", on: false)
        ),
        (
            #"{"conversationId":"\#(conversation)","kind":"markRead","messageId":"\#(message)"}"#,
            .markRead(conversationId: conversation, upTo: message)
        ),
    ]

    static func encoded(_ intent: OutboxIntent) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(intent), as: UTF8.self)
    }

    @Test(arguments: 0..<stored.count) func storedItemsDecodeAndEncodeTheSame(_ index: Int) throws {
        let (json, intent) = Self.stored[index]
        let decoded = try JSONDecoder().decode(OutboxIntent.self, from: Data(json.utf8))
        #expect(try Self.encoded(decoded) == json)
        #expect(try Self.encoded(intent) == json)
        #expect(decoded.kind == intent.kind)
        #expect(decoded.conversationId == Self.conversation)
    }

    @Test func anUnknownKindIsRefused() {
        let json = #"{"conversationId":"\#(Self.conversation)","kind":"teleport","messageId":"\#(Self.message)"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(OutboxIntent.self, from: Data(json.utf8)) }
    }

    @Test func anEditWithoutEventIdGetsAFreshRetryKey() throws {
        let json =
            #"{"conversationId":"\#(Self.conversation)","kind":"edit","messageId":"\#(Self.message)","text":"x"}"#
        guard
            case .edit(_, _, let eventId, let text) = try JSONDecoder().decode(OutboxIntent.self, from: Data(json.utf8))
        else {
            Issue.record("expected an edit")
            return
        }
        #expect(eventId.count == 32)
        #expect(text == "x")
    }
}
