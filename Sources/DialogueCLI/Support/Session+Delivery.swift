import DialogueRPC

/// What happened to a message after `messages.send`, so `send` can tell "sent" from "queued".
///
/// The daemon answers `messages.send` as soon as the message is durable in its outbox (`state:
/// pending`); whether the server took it arrives later as a `message.state` event. Waiting for
/// that event a little lets `send` say "Sent" when the server is up, and say plainly (exit 6)
/// that the message is queued when the daemon is offline.
extension Session {
    /// Subscribes this connection to `message.state`, before the send, so no change is missed;
    /// `false` when the daemon cannot (then ``settle(_:subscribed:timeout:)`` does not wait).
    func watchMessageStates() async -> Bool {
        (try? await call("events.subscribe", ["types": ["message.state"]])) != nil
    }

    /// The message once it left `pending`, or as it was when `patience` passed; with
    /// `connection`, the daemon's connection state (`online`, `connecting`, `offline`) then.
    ///
    /// While the daemon is not online (offline, or retrying after a failure) the server is given
    /// only a moment, ``offlinePatience``: an outage should not make `send` hang.
    func settle(_ message: JSONValue, subscribed: Bool, patience: Duration) async -> (
        message: JSONValue, connection: String?
    ) {
        guard message["state"]?.stringValue == "pending", subscribed, let id = message["id"]?.stringValue else {
            return (message, nil)
        }
        let before = await connectionState()
        let timeout = before == "online" ? patience : min(patience, Self.offlinePatience)
        let settled = await withTaskGroup(of: JSONValue?.self) { group in
            group.addTask { [client] in
                for await notification in client.notifications
                where notification.method == "message.state" && notification.params?["id"]?.stringValue == id {
                    if notification.params?["state"]?.stringValue != "pending" { return notification.params }
                }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        if let settled { return (settled, nil) }
        return (message, await connectionState())
    }

    /// How long a send waits for the server while the daemon is not online.
    static let offlinePatience: Duration = .seconds(2)

    /// `daemon.status`'s `connection.state`, or `nil` when it cannot be read.
    private func connectionState() async -> String? {
        (try? await call("daemon.status"))?["connection"]?["state"]?.stringValue
    }
}
