import DialogueRPC
import Foundation
import Testing

@testable import DialogueDaemon

/// Safety numbers, verification and the device list, through real daemons.
struct SecurityEndToEndTests {
    @Test func safetyNumbersMatchAndVerificationNeedsTheRightNumber() async throws {
        try await withChatUsers(["Ada", "Grace"]) { _, users in
            let (ada, grace) = (users[0], users[1])
            let adaView = try await ada.call("security.safetyNumber", ["userId": .string(grace.id)])
            let graceView = try await grace.call("security.safetyNumber", ["userId": .string(ada.id)])
            let number = try #require(adaView["number"]?.stringValue)
            #expect(number.count == 60)
            let digitsOnly = number.allSatisfy { $0.isNumber }
            #expect(digitsOnly)
            #expect(graceView["number"]?.stringValue == number)
            #expect(adaView["verified"] == false)

            var wrong = Array(number)
            wrong[0] = wrong[0] == "1" ? "2" : "1"
            let refused = try await ada.callFailing(
                "security.verify", ["userId": .string(grace.id), "number": .string(String(wrong))])
            #expect(refused.reason == .invalidInput)
            // Spaces, as people read the number out in groups of five, are fine.
            let grouped = stride(from: 0, to: 60, by: 5).map {
                String(Array(number)[$0..<$0 + 5])
            }.joined(separator: " ")
            _ = try await ada.call("security.verify", ["userId": .string(grace.id), "number": .string(grouped)])
            let after = try await ada.call("security.safetyNumber", ["userId": .string(grace.id)])
            #expect(after["verified"] == true)
        }
    }

    @Test func theDeviceListShowsThisDeviceAndRevokingIsChecked() async throws {
        try await withChatUsers(["Ada"]) { _, users in
            let ada = users[0]
            let devices = try #require(try await ada.call("devices.list").arrayValue)
            #expect(devices.count == 1)
            #expect(devices.first?["current"] == true)
            #expect(devices.first?["canReceive"] == true)
            let current = try #require(devices.first?["id"]?.stringValue)
            let itself = try await ada.callFailing("devices.revoke", ["deviceId": .string(current)])
            #expect(itself.reason == .forbidden)
            let unknown = try await ada.callFailing("devices.revoke", ["deviceId": "00112233445566778899aabbccddeeff"])
            #expect(unknown.reason == .notFound)
        }
    }
}
