import AsyncHTTPClient
import DialogueProtocol
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Streams an answer from the configured provider to a client, token by token.
///
/// Errors before the first token become clear HTTP errors; after it, the stream is cut short
/// (the client sees an incomplete response). When the client goes away, the upstream request
/// is cancelled with it, also while the provider is silent (`AssistantController` watches the
/// connection's inbound side, not only its writes).
package struct AssistantProxy: Sendable {
    let configuration: AssistantConfiguration
    let client: HTTPClient
    let logger: Logger

    /// Opens the upstream stream and checks its status; returns the response to read tokens from.
    func open(_ messages: [AssistantMessage]) async throws -> HTTPClientResponse {
        guard let url = URL(string: configuration.baseURL.trimmingSuffix("/") + "/chat/completions") else {
            throw ServerError(.serviceUnavailable, code: .assistantNotConfigured, "The AI base URL is not a URL.")
        }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "text/event-stream")
        if let key = configuration.apiKey { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        let body: [String: Any] = [
            "model": configuration.model,
            "stream": true,
            "messages": [["role": "system", "content": configuration.systemPrompt]]
                + messages.map { ["role": $0.role, "content": $0.content] },
        ]
        request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: body)))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(configuration.totalTimeoutSeconds))
        } catch {
            logger.warning("the AI provider could not be reached", metadata: ["error": "\(error)"])
            throw ServerError(
                .gatewayTimeout,
                code: .assistantUnreachable,
                "The AI provider could not be reached; try again later."
            )
        }
        guard response.status == .ok else {
            let detail = try? await response.body.collect(upTo: 64 * 1024)
            throw Self.error(for: response, detail: detail.map { String(buffer: $0) })
        }
        return response
    }

    /// Maps a provider's refusal to what the client should know, never echoing the key.
    static func error(for response: HTTPClientResponse, detail: String?) -> ServerError {
        let providerMessage =
            detail.flatMap { text in
                (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
                    .flatMap { ($0["error"] as? [String: Any])?["message"] as? String }
            } ?? "HTTP \(response.status.code)"
        switch response.status.code {
        case 401, 403:
            return ServerError(
                .badGateway, code: .assistantAuthFailed, "The AI provider refused the server's API key.")
        case 429:
            let retryAfter = response.headers.first(name: "Retry-After").flatMap { Int($0) } ?? 30
            return ServerError(
                .tooManyRequests,
                code: .rateLimited,
                "The AI provider is busy: try again in \(retryAfter) seconds.",
                retryAfter: retryAfter
            )
        case 400..<500:
            return ServerError(
                .badGateway, code: .assistantRejected, "The AI provider refused the request: \(providerMessage)")
        default:
            return ServerError(
                .badGateway, code: .assistantUnavailable, "The AI provider failed (\(providerMessage)).")
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}
