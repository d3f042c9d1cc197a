import DialogueRPC
import Synchronization

/// The calls a fake daemon received, in order, for tests to check what the front end asked.
final class ChatCalls: Sendable {
    private let calls = Mutex<[(method: String, params: JSONValue?)]>([])

    func record(_ method: String, _ params: JSONValue?) {
        calls.withLock { $0.append((method, params)) }
    }

    /// The params of every call of `method`.
    func params(of method: String) -> [JSONValue?] {
        calls.withLock { $0.filter { $0.method == method }.map(\.params) }
    }
}
