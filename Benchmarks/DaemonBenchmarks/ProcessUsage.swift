import Foundation

/// What this process has used so far, from the kernel: on a shared machine, CPU time says more
/// about the work than wall time, which also counts waiting for a core.
enum ProcessUsage {
    /// CPU time of every thread of the process so far, to the nanosecond.
    static func cpuTime() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return .seconds(Int64(time.tv_sec)) + .nanoseconds(Int64(time.tv_nsec))
    }

    /// Current resident set size in bytes (`VmRSS` in `/proc/self/status`), or 0 when unavailable.
    static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let fields = line.split(whereSeparator: \.isWhitespace)
            return fields.count >= 2 ? (Int(fields[1]) ?? 0) * 1024 : 0
        }
        return 0
    }
}
