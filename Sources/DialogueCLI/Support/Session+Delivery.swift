import DialogueRPC

/// What happened to a message after `messages.send`, so `send` can tell "sent" from "queued".
///
/// The daemon answers `messages.send` as soon as the message is durable in its outbox (`state:
/// pending`); whether the server took it arrives later as a `message.state` event. Waiting for
/// that event a little lets `send` say "Sent" when the server is up, and say plainly (exit 6)
/// that the message is queued when the daemon is offline.
extension Session {
    /// Subscribes this connection to `message.state`, before the send, so no change is missed;
    /// `false` when the daemon cannot (then ``settle(_:subscribed:patience:)`` does not wait).
    func watchMessageStates() async -> Bool {
        (try? await call(EventsSubscribeRequest(types: [LocalEvent.Kind.messageState.rawValue]))) != nil
    }

    /// The message once it left `pending`, or as it was when `patience` passed (with the daemon's
    /// JSON of it, for `--json`); with `connection`, the daemon's connection state then.
    ///
    /// While the daemon is not online (offline, or retrying after a failure) the server is given
    /// only a moment, ``offlinePatience``: an outage should not make `send` hang.
    func settle(_ queued: JSONValue, subscribed: Bool, patience: Duration) async throws -> (
        json: JSONValue, message: MessageView, connection: ConnectionView.State?
    ) {
        let message = try Self.decode(queued, of: MessagesSendRequest.self)
        guard message.state == .pending, subscribed else { return (queued, message, nil) }
        let before = await connectionState()
        let timeout = before == .online ? patience : min(patience, Self.offlinePatience)
        let settled = await withTaskGroup(of: (JSONValue, MessageView)?.self) { group in
            group.addTask { [client] in
                for await notification in client.notifications {
                    guard case .messageState(let view)? = try? LocalEvent(notification), view.id == message.id,
                        view.state != .pending
                    else { continue }
                    return (notification.params ?? .null, view)
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
        if let (json, view) = settled { return (json, view, nil) }
        return (queued, message, await connectionState())
    }

    /// How long a send waits for the server while the daemon is not online.
    static let offlinePatience: Duration = .seconds(2)

    /// `daemon.status`'s `connection.state`, or `nil` when it cannot be read.
    private func connectionState() async -> ConnectionView.State? {
        (try? await call(DaemonStatusRequest()))?.connection.state
    }
}
