import AsyncHTTPClient
import DialogueProtocol
import Foundation
import Logging
import NIOCore

/// `POST {baseURL}/chat/completions` with `stream: true`, straight from the daemon: prompts never
/// reach the Dialogue server (they still leave end-to-end encryption, to the endpoint).
///
/// The answer is read with ``ChatStreamDecoder``, the server's own SSE decoder. It is complete
/// only at `data: [DONE]`: a stream that ends without it was cut short.
struct DirectAssistantTransport: AssistantTransport {
    let baseURL: URL
    let model: String
    let apiKeyFile: URL?
    let http: HTTPClient
    let logger: Logger

    var mode: AssistantSettings.Mode { .direct }

    /// Longest wait for the answer to start (a local model server may load the model first).
    static let startTimeout: TimeAmount = .seconds(120)

    func answer(
        _ messages: [AssistantMessage],
        onToken: @escaping @Sendable (String) -> Void
    ) async throws(DaemonError) -> String {
        let key = try apiKeyFile.map { url throws(DaemonError) in try Self.readKey(at: url) }
        let base = baseURL.endpoint("")
        var request = HTTPClientRequest(url: base + "/chat/completions")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "text/event-stream")
        if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        let body: [String: Any] = [
            "model": model,
            "stream": true,
            "messages": messages.map { ["role": $0.role, "content": $0.content] },
        ]
        do {
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        } catch {
            throw DaemonError(.failed, "The question could not be encoded", cause: error)
        }
        let endpoint = "the AI endpoint \(base)"
        let response = try await Self.start(
            request, endpoint: endpoint, http: http, timeout: Self.startTimeout, logger: logger,
            refusal: Self.error(for:payload:))
        var decoder = ChatStreamDecoder()
        var answer = ""
        var finished = false
        func take(_ outputs: [ChatStreamDecoder.Output]) throws(DaemonError) {
            for output in outputs where !finished {
                switch output {
                case .token(let text):
                    answer += text
                    onToken(text)
                case .done:
                    finished = true
                case .error(let message):
                    throw DaemonError(.failed, "The AI provider failed mid-answer: \(message)")
                case .malformed:
                    logger.notice("skipped a malformed event from the AI endpoint")
                }
            }
        }
        do {
            for try await buffer in response.body {
                try take(decoder.feed(buffer.readableBytesView))
                if finished { break }
            }
        } catch let error as DaemonError {
            throw error
        } catch {
            if Task.isCancelled { throw AssistantFailure.cancelled }
            throw AssistantFailure.interrupted(endpoint, error)
        }
        if !finished { try take(decoder.finish()) }
        guard finished else {
            throw DaemonError(.failed, "The answer was cut short: \(endpoint) ended the stream before [DONE].")
        }
        return answer
    }

    /// Reads the API key, refusing a file others can read (like the key store's key file).
    static func readKey(at url: URL) throws(DaemonError) -> String {
        let path = url.path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue,
            let data = FileManager.default.contents(atPath: path)
        else {
            throw DaemonError(
                .failed,
                "AI assistant is not configured: the API key file \(path) (apiKeyFile in [assistant]) cannot be read")
        }
        guard mode & 0o077 == 0 else {
            throw DaemonError(.forbidden, "The API key file \(path) is readable by others: run chmod 600 \(path)")
        }
        let key = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty, !key.contains(where: \.isNewline) else {
            throw DaemonError(.failed, "The API key file \(path) must hold exactly one key on one line")
        }
        return key
    }

    /// Maps an endpoint's refusal to what the user should do, never echoing the key.
    static func error(for response: HTTPClientResponse, payload: Data) -> DaemonError {
        let status = Int(response.status.code)
        let detail =
            (try? JSONSerialization.jsonObject(with: payload) as? [String: Any])
            .flatMap { ($0["error"] as? [String: Any])?["message"] as? String } ?? "HTTP \(status)"
        switch status {
        case 401, 403:
            return DaemonError(
                .forbidden, "The AI endpoint refused the API key (HTTP \(status)): check apiKeyFile in [assistant]")
        case 429:
            let seconds = response.headers.first(name: "Retry-After").flatMap { Int($0) } ?? 30
            return DaemonError(
                .rateLimited, "The AI endpoint is busy: try again in \(seconds) seconds.", retryAfter: max(seconds, 1))
        case 400..<500:
            return DaemonError(.invalidInput, "The AI endpoint refused the request: \(detail)")
        default:
            return DaemonError(.failed, "The AI endpoint failed (\(detail)).")
        }
    }
}
