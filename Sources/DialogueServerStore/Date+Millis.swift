import Foundation

extension Date {
    /// Milliseconds since 1970, the unit every stored time uses.
    var millis: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(millis: Int64) { self.init(timeIntervalSince1970: TimeInterval(millis) / 1000) }
}
