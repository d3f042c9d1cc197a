import DialogueRPC
import DialogueRPCTransport
import Foundation

/// A front end that stays connected, subscribed to every event, and records what arrives.
final class EventWatcher: Sendable {
    struct Timeout: Error, CustomStringConvertible {
        var description: String
    }

    /// What arrived so far, behind a lock (the reader task appends, tests read).
    private final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [RPCNotification] = []

        func append(_ item: RPCNotification) { lock.withLock { items.append(item) } }
        var all: [RPCNotification] { lock.withLock { items } }
    }

    private let received = Log()
    private let stopSignal: AsyncStream<Void>.Continuation
    private let task: Task<Void, any Error>

    /// Connects to `socket`, subscribes, and returns once the subscription is in place.
    init(socket: String) async throws {
        let (stop, stopSignal) = AsyncStream.makeStream(of: Void.self)
        self.stopSignal = stopSignal
        let (ready, readySignal) = AsyncStream.makeStream(of: Bool.self)
        let received = self.received
        task = Task {
            try await RPCClient.withConnection(socketPath: socket) { client in
                let subscribed = try await client.call("events.subscribe", params: [:])
                readySignal.yield(subscribed["subscription"] != nil)
                readySignal.finish()
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await notification in client.notifications {
                            received.append(notification)
                        }
                    }
                    group.addTask { for await _ in stop { return } }
                    await group.next()
                    group.cancelAll()
                }
            }
        }
        var ok = false
        for await value in ready {
            ok = value
            break
        }
        guard ok else {
            try await task.value
            throw Timeout(description: "events.subscribe failed")
        }
    }

    var notifications: [RPCNotification] { received.all }

    /// Notifications of one type, in arrival order.
    func events(_ method: String) -> [JSONValue] {
        notifications.filter { $0.method == method }.compactMap(\.params)
    }

    /// Waits until some notification of `method` satisfies `condition`, and returns it.
    @discardableResult
    func wait(
        for method: String,
        timeout: Double = 20,
        where condition: @Sendable (JSONValue) -> Bool = { _ in true }
    ) async throws -> JSONValue {
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
        while ContinuousClock.now < deadline {
            if let match = events(method).first(where: condition) { return match }
            try await Task.sleep(for: .milliseconds(20))
        }
        let seen = notifications.map(\.method).joined(separator: ", ")
        throw Timeout(description: "no \(method) notification matched within \(timeout) s (seen: \(seen))")
    }

    func stop() async {
        stopSignal.yield()
        stopSignal.finish()
        _ = await task.result
    }
}

/// Polls `condition` until it holds or `timeout` passes.
func eventually(
    _ what: String,
    timeout: Double = 20,
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
    while ContinuousClock.now < deadline {
        if (try? await condition()) == true { return }
        try await Task.sleep(for: .milliseconds(25))
    }
    throw EventWatcher.Timeout(description: "timed out waiting for \(what)")
}
