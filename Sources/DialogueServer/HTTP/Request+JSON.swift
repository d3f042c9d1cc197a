import DialogueProtocol
import Foundation
import Hummingbird

extension Request {
    /// Decodes the JSON body with the wire decoder, within the context's upload limit.
    func decodeJSON<T: Decodable>(_ type: T.Type, context: AppRequestContext) async throws -> T {
        try Self.decodeJSON(T.self, from: try await body.collect(upTo: context.maxUploadSize))
    }

    /// Like ``decodeJSON(_:context:)``, but collected into the request itself
    /// (``Request/collectBody(upTo:)``), so that a long answer can still watch the connection's
    /// inbound side.
    mutating func collectJSON<T: Decodable>(_ type: T.Type, context: AppRequestContext) async throws -> T {
        try Self.decodeJSON(T.self, from: try await collectBody(upTo: context.maxUploadSize))
    }

    private static func decodeJSON<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer) throws -> T {
        guard buffer.readableBytes > 0 else { throw ServerError.invalidInput("The request needs a JSON body.") }
        return try WireCoding.decoder().decode(T.self, from: Data(buffer: buffer))
    }

    /// Like ``decodeJSON(_:context:)``, but an empty body is `nil`.
    func decodeOptionalJSON<T: Decodable>(_ type: T.Type, context: AppRequestContext) async throws -> T? {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { return nil }
        return try WireCoding.decoder().decode(T.self, from: Data(buffer: buffer))
    }
}

extension Response {
    /// A JSON response in the canonical wire form.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try WireCoding.encoder().encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(data: data))
        )
    }
}
