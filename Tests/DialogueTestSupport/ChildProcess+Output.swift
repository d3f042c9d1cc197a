import Foundation

extension ChildProcess {
    /// The size of the file `path` now (0 when it does not exist), to pass as `after` to
    /// ``waitForOutput(matching:in:after:timeout:)`` for a log that is appended across restarts.
    public static func outputSize(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
    }

    /// Waits (polling, up to `timeout`) until the file `path`, where this child writes its output,
    /// holds a match of the regular expression `pattern` past its first `after` bytes; the first
    /// match, or `nil` when the time passes or the child ends first (a program that failed to
    /// start is told at once).
    public func waitForOutput(
        matching pattern: String, in path: String, after offset: Int = 0, timeout: Duration = .seconds(30)
    ) async throws -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
            let text = String(decoding: bytes.dropFirst(offset), as: UTF8.self)
            if let range = text.range(of: pattern, options: .regularExpression) { return String(text[range]) }
            if !isRunning { return nil }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }
}
