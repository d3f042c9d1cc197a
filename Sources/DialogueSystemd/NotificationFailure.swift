#if canImport(Glibc)
    import Glibc
#endif

/// Why a desktop notification was not shown: an errno from sd-bus, or a D-Bus error name from the
/// bus or the service. Internal: ``DesktopNotifier`` only logs it.
struct NotificationFailure: Error, CustomStringConvertible {
    var step: String
    var reason: String

    init(_ step: String, result: Int32, errorName: String? = nil) {
        self.step = step
        reason = errorName ?? String(cString: strerror(-result))
    }

    var description: String { "\(step): \(reason)" }
}
