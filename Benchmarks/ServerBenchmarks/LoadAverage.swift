import Foundation

/// The machine's 1/5/15-minute load averages: printed around each scenario because other work
/// on a 2-core machine takes CPU from both the server and the harness and skews every figure.
enum LoadAverage {
    static func read() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }
}
