import AsyncHTTPClient
import DialogueProtocol
import Foundation
import Logging
import NIOCore

/// Typed calls to one Dialogue server's REST API, over the daemon's one shared `HTTPClient`.
///
/// Every failure comes out as a ``ServerClientError``: a server that cannot be reached is
/// ``ServerClientError/Code/unreachable``; the server's `{success:false, message, code}` answers
/// are classified by HTTP status, with the server's sentence kept and `Retry-After` carried for
/// 429. The token travels in the original's `token` header and is never logged.
package struct ServerClient: Sendable {
    /// Which meaning a 401 has: wrong credentials at login, or a session the server no longer accepts.
    package enum Authentication: Sendable {
        case credentials
        case session(token: String)
    }

    enum Verb: String {
        case get = "GET"
        case post = "POST"
        case put = "PUT"
        case delete = "DELETE"
    }

    /// Answers larger than this are refused (the server's own request ceiling is 15 MB).
    static let maximumResponseBytes = 32 * 1024 * 1024
    static let timeout: TimeAmount = .seconds(30)

    package let server: URL
    private let http: HTTPClient
    private let logger: Logger

    /// - Parameters:
    ///   - server: The server's base URL (`https://host[:port]`).
    ///   - http: The daemon's shared client; its owner shuts it down.
    ///   - logger: Receives one debug line per call (method, path, status), never a body or a token.
    package init(server: URL, http: HTTPClient, logger: Logger) {
        self.server = server
        self.http = http
        self.logger = logger
    }

    // MARK: - Accounts

    /// `POST /api/auth/signup`: creates the account and returns its first token.
    package func signup(_ body: SignupRequest) async throws(ServerClientError) -> AuthResponse {
        try await call(.post, "api/auth/signup", body: body, authentication: .credentials)
    }

    /// `POST /api/auth/login`.
    package func login(_ body: LoginRequest) async throws(ServerClientError) -> AuthResponse {
        try await call(.post, "api/auth/login", body: body, authentication: .credentials)
    }

    /// `GET /api/auth/check`: the signed-in profile; ``ServerClientError/Code/sessionRejected`` when the token expired.
    package func check(token: String) async throws(ServerClientError) -> UserResponse {
        try await call(.get, "api/auth/check", authentication: .session(token: token))
    }

    // MARK: - Conversations and messages

    /// `GET /api/conversations/list`, newest activity first.
    package func conversations(token: String) async throws(ServerClientError) -> ConversationsResponse {
        try await call(.get, "api/conversations/list", authentication: .session(token: token))
    }

    /// `POST /api/conversations/create` with the signed CREATE op.
    package func createConversation(
        _ body: CreateConversationRequest,
        token: String
    ) async throws(ServerClientError) -> ConversationResponse {
        try await call(.post, "api/conversations/create", body: body, authentication: .session(token: token))
    }

    /// `POST /api/messages/send/:conversationId`; the client-generated id makes a retry idempotent.
    package func sendMessage(
        _ body: SendMessageRequest,
        conversationId: String,
        token: String
    ) async throws(ServerClientError) -> MessageResponse {
        try await call(
            .post, "api/messages/send/\(try Self.segment(conversationId))", body: body,
            authentication: .session(token: token))
    }

    /// `GET /api/messages/:conversationId?before=&limit=`: a page, oldest first.
    package func history(
        conversationId: String,
        before: String? = nil,
        limit: Int? = nil,
        token: String
    ) async throws(ServerClientError) -> MessagesResponse {
        var query: [String] = []
        if let before { query.append("before=\(try Self.segment(before))") }
        if let limit { query.append("limit=\(limit)") }
        let path =
            "api/messages/\(try Self.segment(conversationId))"
            + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        return try await call(.get, path, authentication: .session(token: token))
    }

    // MARK: - Transport

    func call<Response: Decodable>(
        _ verb: Verb,
        _ path: String,
        authentication: Authentication
    ) async throws(ServerClientError) -> Response {
        try await call(verb, path, body: Optional<EmptyBody>.none, authentication: authentication)
    }

    func call<Body: Encodable, Response: Decodable>(
        _ verb: Verb,
        _ path: String,
        body: Body?,
        authentication: Authentication
    ) async throws(ServerClientError) -> Response {
        var data: Data?
        if let body {
            do {
                data = try WireCoding.encoder().encode(body)
            } catch {
                throw ServerClientError(.invalidRequest, "The request could not be encoded", cause: error)
            }
        }
        let payload = try await exchange(
            verb, path, body: data, contentType: "application/json", authentication: authentication)
        do {
            return try WireCoding.decoder().decode(Response.self, from: payload)
        } catch {
            throw ServerClientError(
                .failed,
                "The server's answer to \(verb.rawValue) /\(Self.route(path)) did not decode: is it a Dialogue server?",
                cause: error)
        }
    }

    /// One HTTP exchange: sends `body` as is and returns the answer's bytes, or the mapped error.
    func exchange(
        _ verb: Verb,
        _ path: String,
        body: Data?,
        contentType: String,
        authentication: Authentication
    ) async throws(ServerClientError) -> Data {
        var request = HTTPClientRequest(url: server.endpoint(path))
        request.method = .init(rawValue: verb.rawValue)
        request.headers.add(name: "Accept", value: "application/json")
        if case .session(let token) = authentication {
            request.headers.add(name: "token", value: token)
        }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let status: Int
        let retryAfterHeader: String?
        let payload: Data
        do {
            let response = try await http.execute(request, timeout: Self.timeout, logger: logger)
            status = Int(response.status.code)
            retryAfterHeader = response.headers.first(name: "Retry-After")
            let buffer = try await response.body.collect(upTo: Self.maximumResponseBytes)
            payload = Data(buffer.readableBytesView)
        } catch {
            logger.debug(
                "server unreachable",
                metadata: ["http.method": "\(verb.rawValue)", "http.path": "\(Self.route(path))"]
            )
            throw ServerClientError(
                .unreachable, "Cannot reach the server \(server.absoluteString): \(Self.reason(error))", cause: error)
        }
        logger.debug(
            "server answered",
            metadata: [
                "http.method": "\(verb.rawValue)", "http.path": "\(Self.route(path))", "http.status": "\(status)",
            ]
        )
        guard (200..<300).contains(status) else {
            throw Self.error(
                status: status, payload: payload, retryAfter: retryAfterHeader, authentication: authentication)
        }
        return payload
    }

    /// Classifies a failed answer by its status, keeping the server's own sentence.
    package static func error(
        status: Int,
        payload: Data,
        retryAfter: String?,
        authentication: Authentication
    ) -> ServerClientError {
        let body = try? WireCoding.decoder().decode(ErrorResponse.self, from: payload)
        var error = mapped(
            status: status, message: body?.message, retryAfter: retryAfter, authentication: authentication)
        error.status = status
        error.serverCode = body?.code
        error.existingConversationId = body?.conversationId
        return error
    }

    private static func mapped(
        status: Int,
        message: String?,
        retryAfter: String?,
        authentication: Authentication
    ) -> ServerClientError {
        let message = message ?? "The server answered HTTP \(status)"
        switch status {
        case 400, 413, 422:
            return ServerClientError(.invalidRequest, message)
        case 401:
            if case .credentials = authentication { return ServerClientError(.badCredentials, message) }
            return ServerClientError(
                .sessionRejected, "The server no longer accepts this session: log in again (\(message))")
        case 403:
            return ServerClientError(.forbidden, message)
        case 404, 410:
            return ServerClientError(.notFound, message)
        case 409:
            return ServerClientError(.conflict, message)
        case 429:
            let seconds = retryAfter.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 60
            return ServerClientError(.rateLimited, message, retryAfter: max(seconds, 1))
        case 502, 503, 504:
            return ServerClientError(.unavailable, "The server is unavailable now (HTTP \(status)): \(message)")
        default:
            return ServerClientError(.failed, "The server failed (HTTP \(status)): \(message)")
        }
    }

    /// The path without its query, for logs (a query may hold a message id, never text, but keep logs lean).
    private static func route(_ path: String) -> Substring {
        path.prefix { $0 != "?" }
    }

    /// A short cause for `lastError` and the offline message.
    private static func reason(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            return error.shortDescription
        }
        return String(describing: error)
    }

    static func segment(_ value: String) throws(ServerClientError) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        guard !value.isEmpty, let encoded = value.addingPercentEncoding(withAllowedCharacters: allowed) else {
            throw ServerClientError(.invalidRequest, "An id must not be empty")
        }
        return encoded
    }
}

/// The absent body of a GET.
private struct EmptyBody: Encodable {}
