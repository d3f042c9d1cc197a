import DialogueRPC
import Synchronization

/// The account view `daemon.status` last encoded, with its JSON: front ends poll the status and
/// the account rarely changes, so its encoding (most of a status call's own time) is done once.
final class AccountJSONCache: Sendable {
    private let last = Mutex<(view: AccountView, json: JSONValue)?>(nil)

    init() {}

    /// The JSON of `view`, encoded only when it differs from the last one.
    func json(for view: AccountView) throws -> JSONValue {
        if let hit = last.withLock({ $0 }), hit.view == view { return hit.json }
        let json = try JSONValue(encoding: view)
        last.withLock { $0 = (view, json) }
        return json
    }
}
