import DialogueProtocol
import DialogueServerStore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// Converts every error into `{success:false, message, code}` with the right status, once,
/// at the HTTP boundary (a store's `ServerStoreError` through `ServerError.init(_:)`).
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let serverError = Self.serverError(for: error)
            if serverError.status.code >= 500 {
                // A store error's description carries its cause (the SQL, the file); only the log sees it.
                context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            }
            return Self.response(for: serverError)
        }
    }

    static func response(for error: ServerError) -> Response {
        let body = ErrorResponse(
            message: error.message, code: error.code.rawValue, conversationId: error.conversationId)
        let data = (try? WireCoding.encoder().encode(body)) ?? Data()
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfter = error.retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    static func serverError(for error: any Error) -> ServerError {
        switch error {
        case let error as ServerError:
            return error
        case let error as ServerStoreError:
            return ServerError(error)
        case let error as DecodingError:
            return .invalidInput(describe(error))
        case let error as NIOTooManyBytesError:
            let limit = error.maxBytes.map { " of \($0) bytes" } ?? ""
            return ServerError(
                .contentTooLarge, code: .payloadTooLarge, "The request body is over the limit\(limit).")
        case let error as HTTPError:
            return ServerError(
                error.status, code: code(for: error.status), error.body ?? defaultMessage(for: error.status))
        default:
            return .internalFailure
        }
    }

    /// The code of an error Hummingbird raised; a client error without a code of its own is
    /// refused input (the request, not the server, has to change).
    private static func code(for status: HTTPResponse.Status) -> ErrorCode {
        switch status.code {
        case 401: .unauthorized
        case 403: .forbidden
        case 404: .notFound
        case 405: .methodNotAllowed
        case 409: .conflict
        case 413: .payloadTooLarge
        case 429: .rateLimited
        default: status.code >= 500 ? .internalFailure : .invalidInput
        }
    }

    private static func defaultMessage(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 404: "No such route: see /api/openapi.json for the API."
        case 413: "The request body is larger than the server accepts."
        default: status.reasonPhrase.isEmpty ? "HTTP \(status.code)" : status.reasonPhrase
        }
    }

    /// One sentence naming the field and what was wrong with it.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath.map(\.stringValue) + (key.map { [$0.stringValue] } ?? [])
            return keys.isEmpty ? "the body" : "`" + keys.joined(separator: ".") + "`"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "Missing field \(path(context, key))."
        case .typeMismatch(let type, let context):
            return "Field \(path(context)) must be \(describe(type))."
        case .valueNotFound(let type, let context):
            return "Field \(path(context)) must be \(describe(type)), not null."
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "The body is not valid JSON." }
            return "Field \(path(context)) is invalid: \(context.debugDescription)"
        @unknown default:
            return "The body could not be read."
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        default: String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
