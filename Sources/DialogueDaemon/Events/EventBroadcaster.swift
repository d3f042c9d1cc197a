import DialogueRPC
import DialogueRPCTransport
import Foundation

/// The `events.subscribe` registry: which connection wants which notification types.
///
/// Each connection has its own subscriptions; a closed connection's are dropped when it closes. A
/// connection that cannot keep up is closed by the transport (bounded queue), never buffered without bound.
package actor EventBroadcaster {
    private struct Subscription {
        let connection: RPCConnection
        /// `nil` means every type.
        let types: Set<String>?
    }

    private var subscriptions: [String: Subscription] = [:]
    private var nextID = 1
    /// Conversations a front end has open (from `conversations.markRead` / `messages.list`), per
    /// connection: desktop notifications skip them.
    private var openConversations: [Int: String] = [:]
    /// Connections whose close already drops their state here (one handler each).
    private var watched: Set<Int> = []

    package init() {}

    /// Registers a subscription and returns its id.
    package func subscribe(_ connection: RPCConnection, types: [String]?) -> String {
        let id = "sub-\(nextID)"
        nextID += 1
        subscriptions[id] = Subscription(connection: connection, types: types.map(Set.init))
        watch(connection)
        return id
    }

    /// Removes a subscription; `false` when there was none with that id on this connection.
    package func unsubscribe(_ id: String, connection: RPCConnection) -> Bool {
        guard let existing = subscriptions[id], existing.connection.id == connection.id else { return false }
        subscriptions[id] = nil
        return true
    }

    /// Sends `event` to every subscription that wants it (once per connection), except to
    /// connection `excluded`, which already got it. Its params are encoded once, and only when
    /// someone wants it, unless the caller already has them (`encoded`).
    package func publish(_ event: LocalEvent, encoded: JSONValue? = nil, except excluded: Int? = nil) {
        let method = event.method
        var params = encoded
        var sent: Set<Int> = excluded.map { [$0] } ?? []
        for subscription in subscriptions.values
        where subscription.types?.contains(method) ?? true && !sent.contains(subscription.connection.id) {
            sent.insert(subscription.connection.id)
            // The views hold strings, integers and booleans only, so encoding cannot fail.
            let encoded = params ?? (try? event.params()) ?? .object([:])
            params = encoded
            _ = subscription.connection.notify(method: method, params: encoded)
        }
    }

    /// Sends events in order, as ``publish(_:encoded:except:)`` does each (one hop for a batch).
    package func publish(_ events: [LocalEvent]) {
        for event in events { publish(event) }
    }

    /// Notes which conversation a connection is looking at.
    package func setOpenConversation(_ conversationId: String?, connection: RPCConnection) {
        openConversations[connection.id] = conversationId
        watch(connection)
    }

    /// Whether some front end has this conversation open now.
    package func isOpen(_ conversationId: String) -> Bool {
        openConversations.values.contains(conversationId)
    }

    private func watch(_ connection: RPCConnection) {
        guard watched.insert(connection.id).inserted else { return }
        connection.onClose { [weak self] in
            guard let self else { return }
            Task { await self.dropConnection(connection.id) }
        }
    }

    private func dropConnection(_ id: Int) {
        subscriptions = subscriptions.filter { $0.value.connection.id != id }
        openConversations[id] = nil
        watched.remove(id)
    }
}
