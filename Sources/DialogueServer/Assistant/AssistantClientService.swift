import AsyncHTTPClient
import ServiceLifecycle

/// Owns the HTTP client the assistant proxy uses and shuts it down with the server.
struct AssistantClientService: Service {
    let client: HTTPClient

    func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}
