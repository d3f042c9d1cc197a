import DialogueSystemd
import Foundation
import Logging
import Testing

@Suite("desktop notifications", .serialized)
struct DesktopNotifierTests {
    @Test func notifyReachesTheNotificationServiceWithTheSoundHint() async throws {
        let bus = try await PrivateSessionBus()
        let server: FakeNotificationServer
        do {
            server = try FakeNotificationServer(address: bus.address)
        } catch {
            await bus.stop()
            throw error
        }
        let logs = LogRecorder()
        let notifier = DesktopNotifier(address: bus.address, logger: logs.logger())

        let first = await notifier.notify(summary: "Alice in #general", body: "lunch at noon?")
        let second = await notifier.notify(summary: "Bob", body: "on my way")
        await server.stop()
        await bus.stop()

        #expect(first)
        #expect(second)
        let calls = server.calls
        try #require(calls.count == 2)
        #expect(calls[0].applicationName == "Dialogue")
        #expect(calls[0].summary == "Alice in #general")
        #expect(calls[0].body == "lunch at noon?")
        #expect(calls[0].replacesID == 0)
        #expect(calls[0].icon == "")
        #expect(calls[0].actions == [])
        #expect(calls[0].hints == ["sound-name": "message-new-instant", "category": "im.received"])
        #expect(calls[0].expireTimeout == -1)
        #expect(calls[1].body == "on my way")
        let texts = logs.entries.map(\.text)
        #expect(texts.count == 2)
        #expect(!texts.contains { $0.contains("lunch") || $0.contains("Alice") })
    }

    @Test func withoutABusNotifyReturnsAndLogsOnce() async throws {
        let socket = FileManager.default.temporaryDirectory.appendingPathComponent("dn-\(UUID().uuidString)-bus")
        let logs = LogRecorder()
        let notifier = DesktopNotifier(address: "unix:path=\(socket.path)", logger: logs.logger(), retryInterval: .zero)

        let first = await notifier.notify(summary: "s", body: "b")
        let second = await notifier.notify(summary: "s", body: "b")

        #expect(!first)
        #expect(!second)
        let loud = logs.entries.filter { $0.level >= .notice }
        #expect(loud.count == 1)
        #expect(loud.first?.level == .warning)
        // The second attempt really ran (retryInterval is zero) and was logged only at debug level.
        #expect(logs.entries.count == 2)
    }

    @Test func aMissingServiceIsRetriedOnlyAfterTheInterval() async throws {
        let bus = try await PrivateSessionBus()
        let logs = LogRecorder()
        let patient = DesktopNotifier(address: bus.address, logger: logs.logger(), retryInterval: .seconds(3600))
        let eager = DesktopNotifier(address: bus.address, logger: logs.logger(), retryInterval: .zero)

        let patientBefore = await patient.notify(summary: "s", body: "b")
        let eagerBefore = await eager.notify(summary: "s", body: "b")
        let server: FakeNotificationServer
        do {
            server = try FakeNotificationServer(address: bus.address)
        } catch {
            await bus.stop()
            throw error
        }
        let patientAfter = await patient.notify(summary: "s", body: "b")
        let eagerAfter = await eager.notify(summary: "s", body: "b")
        await server.stop()
        await bus.stop()

        #expect(!patientBefore)
        #expect(!eagerBefore)
        #expect(!patientAfter)
        #expect(eagerAfter)
        #expect(server.calls.count == 1)
        let levels = logs.entries.map(\.level).filter { $0 >= .notice }
        #expect(levels == [.warning, .warning, .notice])
    }
}
