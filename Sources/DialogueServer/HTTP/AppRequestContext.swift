import DialogueProtocol
import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// Per-request state: the authenticated user, the peer address (for rate limits) and the
/// upload ceiling.
package struct AppRequestContext: RequestContext, WebSocketRequestContext, RemoteAddressRequestContext {
    package var coreContext: CoreRequestContextStorage
    package let webSocket: WebSocketHandlerReference<Self>
    package let remoteAddress: SocketAddress?
    /// Set by ``AuthMiddleware``.
    package var userId: String?
    /// Set from the configuration by ``LimitsMiddleware``; enforced wherever a body is collected.
    package var uploadLimit: Int = 15 * 1024 * 1024

    package init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.webSocket = .init()
        self.remoteAddress = source.channel.remoteAddress
    }

    package var maxUploadSize: Int { uploadLimit }
    package var requestDecoder: JSONDecoder { WireCoding.decoder() }
    package var responseEncoder: JSONEncoder { WireCoding.encoder() }

    /// The signed-in user, or `unauthorized`.
    func requireUser() throws -> String {
        guard let userId else { throw ServerError.unauthorized }
        return userId
    }
}
