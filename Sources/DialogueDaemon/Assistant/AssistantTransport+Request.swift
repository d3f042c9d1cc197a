import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

extension AssistantTransport {
    /// Sends the request and waits for the answer to start: a refusal (any status but 200) is read
    /// (up to 64 KiB) and turned into an error by `refusal`; an unreachable endpoint or a
    /// cancellation become ``AssistantFailure`` errors.
    static func start(
        _ request: HTTPClientRequest,
        endpoint: String,
        http: HTTPClient,
        timeout: TimeAmount,
        logger: Logger,
        refusal: (HTTPClientResponse, Data) -> DaemonError
    ) async throws(DaemonError) -> HTTPClientResponse {
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: timeout, logger: logger)
        } catch {
            if Task.isCancelled { throw AssistantFailure.cancelled }
            throw AssistantFailure.unreachable(endpoint, error)
        }
        guard response.status == .ok else {
            let payload = try? await response.body.collect(upTo: 64 * 1024)
            throw refusal(response, payload.map { Data($0.readableBytesView) } ?? Data())
        }
        return response
    }
}
