import DialogueServer
import Foundation
import Synchronization

/// A clock tests move by hand, to cross the edit window or token expiry without waiting.
final class TestClock: ServerClock {
    private let current: Mutex<Date>

    init(_ start: Date = Date()) { current = Mutex(start) }

    func now() -> Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
