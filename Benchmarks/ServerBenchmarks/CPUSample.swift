import Foundation

/// CPU time used so far by the server and by this harness, to show where a phase's time went:
/// on a 2-core machine the load generator competes with the server for the same cores.
struct CPUSample: Sendable {
    var server: Double
    var harness: Double
    var wall: UInt64

    /// Reads `/proc/PID/stat` (utime + stime) for the server and `getrusage` for this process.
    static func take(serverPID: Int32) -> CPUSample {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let harness =
            Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
            + Double(usage.ru_stime.tv_usec) / 1e6
        return CPUSample(server: serverSeconds(pid: serverPID), harness: harness, wall: DeliveryMarker.now())
    }

    /// Cores busy on average since `earlier`, for the server and the harness.
    func cores(since earlier: CPUSample) -> (server: Double, harness: Double) {
        let wallSeconds = max(1e-9, Double(wall - earlier.wall) / 1e9)
        return ((server - earlier.server) / wallSeconds, (harness - earlier.harness) / wallSeconds)
    }

    /// A short "server 1.4 / harness 0.6 cores" note for the results table.
    func note(since earlier: CPUSample) -> String {
        let used = cores(since: earlier)
        return "CPU: server \(Format.number(used.server)) / harness \(Format.number(used.harness)) cores"
    }

    private static func serverSeconds(pid: Int32) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return 0 }
        // Fields after the command name start at field 3 (state); utime and stime are 14 and 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
