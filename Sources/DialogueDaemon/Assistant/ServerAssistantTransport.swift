import AsyncHTTPClient
import DialogueProtocol
import DialogueSync
import Foundation
import Logging
import NIOCore

/// `POST /api/auth/chatbot` on the signed-in account's server: the server adds its system prompt,
/// forwards the conversation to its AI provider and streams the answer back as chunked plain text.
struct ServerAssistantTransport: AssistantTransport {
    let server: URL
    let token: String
    let http: HTTPClient
    let logger: Logger

    var mode: AssistantSettings.Mode { .server }

    /// Longest wait for the answer to start (the server connects to its provider first).
    static let startTimeout: TimeAmount = .seconds(60)

    func answer(
        _ messages: [AssistantMessage],
        onToken: @escaping @Sendable (String) -> Void
    ) async throws(DaemonError) -> String {
        var request = HTTPClientRequest(url: server.endpoint("api/auth/chatbot"))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "text/plain")
        request.headers.add(name: "token", value: token)
        do {
            request.body = .bytes(
                ByteBuffer(bytes: try WireCoding.encoder().encode(AssistantRequest(messages: messages))))
        } catch {
            throw DaemonError(.failed, "The question could not be encoded", cause: error)
        }
        let endpoint = "the server \(server.absoluteString)"
        let response = try await Self.start(
            request, endpoint: endpoint, http: http, timeout: Self.startTimeout, logger: logger,
            refusal: Self.error(for:payload:))
        var decoder = UTF8ChunkDecoder()
        var answer = ""
        do {
            for try await buffer in response.body {
                let piece = decoder.feed(buffer.readableBytesView)
                guard !piece.isEmpty else { continue }
                answer += piece
                onToken(piece)
            }
        } catch {
            if Task.isCancelled { throw AssistantFailure.cancelled }
            throw AssistantFailure.interrupted(endpoint, error)
        }
        let rest = decoder.finish()
        if !rest.isEmpty {
            answer += rest
            onToken(rest)
        }
        return answer
    }

    /// The server's own sentence for a refused question, with the `spec/rpc.md` reason of its status.
    static func error(for response: HTTPClientResponse, payload: Data) -> DaemonError {
        let status = Int(response.status.code)
        var error = DaemonError(
            ServerClient.error(
                status: status, payload: payload, retryAfter: response.headers.first(name: "Retry-After"),
                authentication: .session(token: "")))
        let body = try? WireCoding.decoder().decode(ErrorResponse.self, from: payload)
        guard status != 401, let message = body?.message else { return error }
        error.message = message
        if body?.code == "assistant_not_configured" {
            error.message +=
                " (Ask the server's administrator, or set mode = \"direct\" in the [assistant] table of config.toml.)"
        }
        return error
    }
}
