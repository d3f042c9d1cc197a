import Foundation

/// Two signed-up daemons (Ada, Grace) on one server, with a direct conversation between them.
struct DaemonPair {
    let server: BenchServer
    let ada: BenchDaemon
    let grace: BenchDaemon
    let graceId: String
    let conversationId: String
    /// How long Ada's daemon took from spawn to answering on its socket.
    let adaReady: Duration

    static func make() throws -> DaemonPair {
        let server = try BenchServer()
        let ada = try BenchDaemon(name: "ada")
        let grace = try BenchDaemon(name: "grace")
        let ready = try ada.start()
        try grace.start()
        for (daemon, name) in [(ada, "ada"), (grace, "grace")] {
            try daemon.call(
                "account.signup",
                [
                    "server": server.url, "email": "\(name)@example.org", "fullname": name,
                    "password": "password-\(name)",
                ])
        }
        let graceAccount = try grace.status()["account"] as? [String: Any]
        let graceId = graceAccount?["id"] as? String ?? ""
        let chat = try ada.call("conversations.open", ["userId": graceId]) as? [String: Any]
        return DaemonPair(
            server: server, ada: ada, grace: grace, graceId: graceId, conversationId: chat?["id"] as? String ?? "",
            adaReady: ready)
    }

    /// Ada sends `count` messages and waits until the server has all of them.
    func send(_ count: Int, prefix: String) throws {
        for index in 0..<count {
            try ada.call(
                "messages.send", ["conversationId": conversationId, "text": "\(prefix) message number \(index)"])
        }
        try ada.waitUntil(seconds: 600, "Ada's outbox to drain") {
            (try ada.status()["outboxPending"] as? Int) == 0
        }
        // Ada's daemon indexes what it sent in the background (up to 200 ms after the last send);
        // a search writes what is pending first, so that work is not inside a measurement that
        // follows.
        try ada.call("messages.search", ["query": prefix, "limit": 1])
    }

    func stop() {
        ada.remove()
        grace.remove()
        server.stop()
    }
}
