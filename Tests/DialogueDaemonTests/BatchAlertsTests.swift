import DialogueStore
import Foundation
import Testing

@testable import DialogueDaemon

/// A batch of synced messages raises one desktop alert per conversation, for its newest message.
@Suite struct BatchAlertsTests {
    static func message(_ id: String, in conversation: String, at seconds: Double) -> CachedMessage {
        CachedMessage(
            id: id, conversationId: conversation, senderId: "u2", text: id,
            createdAt: Date(timeIntervalSince1970: seconds))
    }

    @Test func aBacklogIsOneAlertPerConversationForItsNewestMessage() {
        var alerts = BatchAlerts()
        for index in 1...5 { alerts.add(Self.message("a\(index)", in: "a", at: Double(index))) }
        alerts.add(Self.message("b1", in: "b", at: 3.5))
        #expect(alerts.alerts.map(\.newest.id) == ["b1", "a5"])
        #expect(alerts.alerts.map(\.count) == [1, 5])
    }

    @Test func anOlderMessageArrivingLastDoesNotReplaceTheNewest() {
        var alerts = BatchAlerts()
        alerts.add(Self.message("late", in: "a", at: 10))
        alerts.add(Self.message("early", in: "a", at: 1))
        #expect(alerts.alerts == [BatchAlerts.Alert(newest: Self.message("late", in: "a", at: 10), count: 2)])
    }

    @Test func noMessagesNoAlerts() {
        #expect(BatchAlerts().alerts.isEmpty)
    }
}
