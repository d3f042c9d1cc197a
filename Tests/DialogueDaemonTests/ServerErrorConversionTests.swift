import AsyncHTTPClient
import DialogueSync
import Foundation
import Testing

@testable import DialogueDaemon

/// Where the server client's errors become the daemon's: each classified answer names one
/// `spec/rpc.md` reason, and the server's sentence, stable word and wait travel with it.
struct ServerErrorConversionTests {
    @Test(arguments: [
        (ServerClientError.Code.unreachable, DaemonError.Code.offline),
        (.unavailable, .offline),
        (.invalidRequest, .invalidInput),
        (.badCredentials, .forbidden),
        (.sessionRejected, .notSignedIn),
        (.forbidden, .forbidden),
        (.notFound, .notFound),
        (.conflict, .conflict),
        (.rateLimited, .rateLimited),
        (.failed, .failed),
    ])
    func eachServerFailureNamesOneReason(_ server: ServerClientError.Code, _ daemon: DaemonError.Code) {
        var failure = ServerClientError(server, "The server says no.", status: 418, retryAfter: 7)
        failure.serverCode = "conversation_exists"
        failure.existingConversationId = "conv-1"
        let error = DaemonError(failure)
        #expect(error.code == daemon)
        #expect(error.message == "The server says no.")
        #expect(error.retryAfter == 7)
        #expect(error.serverCode == "conversation_exists")
        #expect(error.existingConversationId == "conv-1")
        #expect(error.cause is ServerClientError)
    }

    @Test func aFailedCallIsConvertedAndASuccessfulOneReturnsItsValue() async {
        let converted = await #expect(throws: DaemonError.self) {
            _ = try await DaemonError.converting { () async throws(ServerClientError) -> Int in
                throw ServerClientError(.sessionRejected, "Log in again.", status: 401)
            }
        }
        #expect(converted?.code == .notSignedIn)
        let passed = await #expect(throws: DaemonError.self) {
            _ = try await DaemonError.converting { () async throws -> Int in
                throw DaemonError(.locked, "Unlock first.")
            }
        }
        #expect(passed == DaemonError(.locked, "Unlock first."))
        let value = try? await DaemonError.converting { () async throws(ServerClientError) -> Int in 42 }
        #expect(value == 42)
    }

    @Test func aMissingCAFileIsAConfigurationError() {
        #expect(throws: ConfigurationError.self) {
            _ = try HTTPClient.daemonClient(caFile: URL(fileURLWithPath: "/nonexistent/ca.pem"))
        }
    }
}
