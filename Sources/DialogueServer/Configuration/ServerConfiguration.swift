import DialogueServerStore
import Foundation

/// Everything `dialogue-server` can be told, with the defaults a single-machine team wants.
///
/// Values come from, lowest to highest precedence: these defaults, the JSON config file,
/// the environment (`DIALOGUE_*`), then command-line flags.
package struct ServerConfiguration: Sendable {
    package var host = "127.0.0.1"
    package var port = 5000
    package var dataDirectory = URL(fileURLWithPath: "data", isDirectory: true)
    /// The PostgreSQL database to keep everything in (several instances may share it); `nil`
    /// keeps the embedded SQLite store in ``dataDirectory``.
    package var database: PostgresDatabaseURL?
    /// The HS256 secret for tokens; required unless ``development`` is on.
    package var jwtSecret: String?
    /// Make an ephemeral secret when none is configured (and say so).
    package var development = false
    package var tokenLifetimeSeconds: Int = 7 * 24 * 3600
    package var bcryptCost = 10
    /// The original's request ceiling.
    package var maxBodyBytes = 15 * 1024 * 1024
    /// Largest encrypted attachment.
    package var maxBlobBytes = 15 * 1024 * 1024
    package var messageLimits = MessageLimits()
    /// Sign-up and login attempts per IP address per window.
    package var authRateLimit = 10
    package var authRateWindowSeconds = 15 * 60
    /// How long the event log keeps entries before a resuming client must resync.
    package var eventRetentionSeconds: Double = 30 * 24 * 3600
    /// WebSocket keep-alive: a ping this often; a peer that misses a pong is dropped.
    package var pingIntervalSeconds: Double = 25
    /// Largest frame a client may send on the WebSocket.
    package var maxClientFrameBytes = 64 * 1024
    /// Live frames waiting for one connection; past this it falls back to reading the log.
    package var connectionQueueLimit = 256
    /// A connection whose socket accepts nothing for this long is closed (it resumes later).
    package var sendTimeoutSeconds: Double = 10
    /// How long a new connection may take to say hello.
    package var helloTimeoutSeconds: Double = 10
    /// The streaming AI assistant proxy.
    package var assistant = AssistantConfiguration()

    package init() {}
}
