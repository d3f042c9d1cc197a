import CSystemd
import Dispatch
import Logging

/// Shows desktop notifications through `org.freedesktop.Notifications` on the user's session bus
/// (sd-bus), with a sound hint.
///
/// A missing session bus or notification service is normal (SSH sessions, headless machines), so it
/// is never an error for the caller: it is logged once at warning level, then attempts are skipped
/// until `retryInterval` has passed, and a recovery is logged at notice level. Summaries and bodies
/// are never logged.
///
/// sd-bus connections are not thread-safe and `sd_bus_call` blocks, so every bus operation runs on
/// one private serial dispatch queue, never on the Swift cooperative pool. Deciding *whether* to
/// notify (muted conversations, the conversation a front end shows) is the caller's business.
public final class DesktopNotifier: @unchecked Sendable {
    /// The hints every notification carries: a freedesktop sound-theme name and the spec's category.
    public static let hints: [(key: String, value: String)] = [
        ("sound-name", "message-new-instant"), ("category", "im.received"),
    ]
    public static let applicationName = "Dialogue"

    let address: String?
    let logger: Logger
    let retryInterval: Duration
    let callTimeout: Duration
    private let queue = DispatchQueue(label: "dialogue.desktop-notifier")

    // Touched only on `queue` (which is why the class can be `@unchecked Sendable`).
    var bus: OpaquePointer?
    private var retryAt: ContinuousClock.Instant?
    private var reportedUnavailable = false

    /// - Parameters:
    ///   - address: a D-Bus address (`unix:path=…`); `nil` means the user's session bus
    ///     (`DBUS_SESSION_BUS_ADDRESS`, else `$XDG_RUNTIME_DIR/bus`).
    ///   - retryInterval: how long to stay quiet after a failure before trying again.
    ///   - callTimeout: how long one `Notify` call may take (D-Bus activation of the service included).
    public init(
        address: String? = nil, logger: Logger, retryInterval: Duration = .seconds(180),
        callTimeout: Duration = .seconds(5)
    ) {
        self.address = address
        self.logger = logger
        self.retryInterval = retryInterval
        self.callTimeout = callTimeout
    }

    deinit {
        if let bus { sd_bus_flush_close_unref(bus) }
    }

    /// Shows one notification; returns whether the notification service accepted it. Never throws:
    /// failures are logged (once) and otherwise ignored.
    @discardableResult
    public func notify(summary: String, body: String) async -> Bool {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.deliver(summary: summary, body: body)) }
        }
    }

    /// Runs on `queue`.
    private func deliver(summary: String, body: String) -> Bool {
        if let retryAt, ContinuousClock.now < retryAt { return false }
        do throws(NotificationFailure) {
            let id = try callNotify(on: connection(), summary: summary, body: body)
            retryAt = nil
            if reportedUnavailable {
                reportedUnavailable = false
                logger.notice("desktop notifications are available again")
            }
            logger.debug("desktop notification sent", metadata: ["notification-id": "\(id)"])
            return true
        } catch {
            // Reconnect on the next attempt: the bus may have gone away or been restarted.
            if let bus { sd_bus_flush_close_unref(bus) }
            bus = nil
            retryAt = ContinuousClock.now + retryInterval
            if reportedUnavailable {
                logger.debug("desktop notification not shown", metadata: ["reason": "\(error)"])
            } else {
                reportedUnavailable = true
                logger.warning(
                    "desktop notifications are unavailable; retrying quietly",
                    metadata: ["reason": "\(error)", "retry-interval": "\(retryInterval)"])
            }
            return false
        }
    }
}
