import AsyncHTTPClient

/// The sentences a failed answer ends with (`bot.done {error}`): what happened and what to do,
/// never a prompt, an answer or a key.
enum AssistantFailure {
    /// A cancelled answer (`bot.cancel`, `bot.clear`, or the asking front end went away).
    static let cancelled = DaemonError(.failed, "The answer was cancelled.")

    /// The endpoint could not be reached or did not answer in time.
    static func unreachable(_ endpoint: String, _ error: any Error) -> DaemonError {
        if isTimeout(error) {
            return DaemonError(.offline, "\(endpoint) did not answer in time: try again later.")
        }
        return DaemonError(.offline, "Cannot reach \(endpoint): \(reason(error)).")
    }

    /// The answer stopped part-way: the connection closed or went silent.
    static func interrupted(_ endpoint: String, _ error: any Error) -> DaemonError {
        if isTimeout(error) {
            return DaemonError(.failed, "The answer was cut short: \(endpoint) went silent; try again.")
        }
        return DaemonError(.failed, "The answer was cut short: the stream from \(endpoint) broke (\(reason(error))).")
    }

    private static func isTimeout(_ error: any Error) -> Bool {
        guard let error = error as? HTTPClientError else { return false }
        return [.readTimeout, .connectTimeout, .deadlineExceeded].contains(error)
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return error.shortDescription }
        return String(describing: error)
    }
}
