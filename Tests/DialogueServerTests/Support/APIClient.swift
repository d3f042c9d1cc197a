import DialogueProtocol
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// A real HTTP client for the tests: one loopback connection per request.
struct APIClient: Sendable {
    struct Reply: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: Data

        var text: String { String(decoding: body, as: UTF8.self) }

        func decode<T: Decodable>(_ type: T.Type) throws -> T { try WireCoding.decoder().decode(T.self, from: body) }

        /// The error body's stable code.
        var code: String? { (try? decode(ErrorResponse.self))?.code }
    }

    let port: Int
    var token: String?

    func request(
        _ method: HTTPRequest.Method,
        _ path: String,
        body: Data? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = extra
        if let token, headers[HTTPField.Name("token")!] == nil, headers[.authorization] == nil {
            headers[HTTPField.Name("token")!] = token
        }
        if body != nil && headers[.contentType] == nil { headers[.contentType] = "application/json" }
        let request = TestClient.Request(
            path, method: method, headers: headers, body: body.map { ByteBuffer(data: $0) })
        // Every suite shares this process's two cores: a loaded run answers slowly, not wrongly.
        let response = try await TestClient.withClient(
            host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(60))
        ) { client in
            try await client.execute(request)
        }
        let data = response.body.map { Data(buffer: $0) } ?? Data()
        return Reply(status: response.status, headers: response.headers, body: data)
    }

    func send(_ method: HTTPRequest.Method, _ path: String, json: some Encodable) async throws -> Reply {
        try await request(method, path, body: try WireCoding.encoder().encode(json))
    }

    func get(_ path: String) async throws -> Reply { try await request(.get, path) }
}
