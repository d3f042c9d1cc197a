import DialogueProtocol
import DialogueServerStore
import Foundation

/// Routes committed events, typing and presence to the live connections of this instance.
///
/// It never blocks on a connection: it only pushes into each one's bounded ``ConnectionMailbox``.
package actor EventHub: EventSink {
    private var nextId = 0
    private var connections: [String: [Int: ConnectionMailbox]] = [:]
    private let queueLimit: Int

    package init(queueLimit: Int) {
        self.queueLimit = queueLimit
    }

    /// Adds a connection; returns its mailbox and whether the user just came online.
    func register(userId: String) -> (mailbox: ConnectionMailbox, cameOnline: Bool) {
        nextId += 1
        let mailbox = ConnectionMailbox(id: nextId, userId: userId, limit: queueLimit)
        let cameOnline = connections[userId, default: [:]].isEmpty
        connections[userId, default: [:]][mailbox.id] = mailbox
        return (mailbox, cameOnline)
    }

    /// Removes a connection; returns whether that was the user's last one.
    func unregister(_ mailbox: ConnectionMailbox) -> Bool {
        mailbox.finish()
        connections[mailbox.userId]?[mailbox.id] = nil
        if connections[mailbox.userId]?.isEmpty == true {
            connections[mailbox.userId] = nil
            return true
        }
        return false
    }

    package func publish(_ events: [CommittedEvent]) async {
        for committed in events {
            guard let mailboxes = connections[committed.userId] else { continue }
            for mailbox in mailboxes.values {
                mailbox.push(.event(committed.event, encodedData: committed.encodedData))
            }
        }
    }

    package func logAdvanced(_ marks: [String: Int64]) async {
        for (userId, seq) in marks {
            for mailbox in connections[userId]?.values ?? [:].values { mailbox.push(.logReaches(seq)) }
        }
    }

    package func subscribedUsers() async -> Set<String> { Set(connections.keys) }

    /// Sends a typing frame to the other members' connections.
    func relayTyping(conversationId: String, from userId: String, typing: Bool, to memberIds: [String]) {
        let frame = ServerFrame.typing(conversationId: conversationId, userId: userId, typing: typing)
        for member in memberIds where member != userId {
            for mailbox in connections[member]?.values ?? [:].values { mailbox.push(.frame(frame)) }
        }
    }

    /// Tells every connected user that someone came online or went offline.
    func broadcastPresence(_ entry: PresenceEntry) {
        let frame = ServerFrame.presence([entry])
        for mailboxes in connections.values {
            for mailbox in mailboxes.values { mailbox.push(.frame(frame)) }
        }
    }

    package func onlineUsers() -> Set<String> { Set(connections.keys) }

    /// Connections currently open, for health and benchmarks.
    package func connectionCount() -> Int { connections.values.reduce(0) { $0 + $1.count } }
}
