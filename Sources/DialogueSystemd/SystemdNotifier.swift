import CSystemd

/// Tells the service manager about the daemon's state over `$NOTIFY_SOCKET` (`sd_notify`).
///
/// Outside systemd there is no socket and every call is a harmless no-op, so the daemon calls
/// these unconditionally.
public struct SystemdNotifier: Sendable {
    public init() {}

    /// Sends `KEY=value` assignments; returns whether a service manager received them.
    @discardableResult
    public func send(_ assignments: [String]) -> Bool {
        sd_notify(0, assignments.joined(separator: "\n")) > 0
    }

    /// `READY=1` with a human-readable status, once the socket listens and the store is open.
    @discardableResult
    public func ready(status: String) -> Bool { send(["READY=1", "STATUS=\(Self.clean(status))"]) }

    /// A `STATUS=` line for `systemctl status` (locked, online, offline, catching up).
    @discardableResult
    public func status(_ status: String) -> Bool { send(["STATUS=\(Self.clean(status))"]) }

    /// `STOPPING=1` when graceful shutdown begins.
    @discardableResult
    public func stopping() -> Bool { send(["STOPPING=1"]) }

    /// `WATCHDOG=1`: the main loop is alive.
    @discardableResult
    public func watchdog() -> Bool { send(["WATCHDOG=1"]) }

    /// The watchdog period the manager expects (`WatchdogSec=`), or `nil` when none is set.
    public var watchdogInterval: Duration? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return .microseconds(Int64(microseconds))
    }

    /// A status is one line: newlines would start a new assignment.
    private static func clean(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ")
    }
}
