import Foundation

/// The server's notion of now, injected so tests can move past the 15-minute edit window
/// without waiting.
package protocol ServerClock: Sendable {
    func now() -> Date
}

/// Wall-clock time.
package struct SystemClock: ServerClock {
    package init() {}

    package func now() -> Date { Date() }
}
