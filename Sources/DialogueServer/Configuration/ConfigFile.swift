import Foundation

/// The JSON config file (`--config FILE`); every key is optional.
///
/// ```json
/// {"host": "0.0.0.0", "port": 5000, "dataDir": "/var/lib/dialogue-server",
///  "jwtSecretFile": "/run/credentials/dialogue-server.service/jwt-secret"}
/// ```
struct ConfigFile: Decodable {
    var host: String?
    var port: Int?
    var dataDir: String?
    /// `postgres://…`: keep everything in PostgreSQL instead of SQLite in `dataDir`.
    var databaseURL: String?
    /// A file holding that URL, so its password stays out of the config file.
    var databaseURLFile: String?
    var jwtSecret: String?
    var jwtSecretFile: String?
    var tokenLifetimeSeconds: Int?
    var bcryptCost: Int?
    var maxBodyBytes: Int?
    var maxBlobBytes: Int?
    var maxEnvelopeBytes: Int?
    var editWindowSeconds: Double?
    var authRateLimit: Int?
    var authRateWindowSeconds: Int?
    var eventRetentionDays: Double?
    var pingIntervalSeconds: Double?
    var connectionQueueLimit: Int?
    var sendTimeoutSeconds: Double?
    var aiBaseURL: String?
    var aiApiKey: String?
    var aiApiKeyFile: String?
    var aiModel: String?
    var aiSystemPrompt: String?
    var aiReadTimeoutSeconds: Int64?
    var aiTotalTimeoutSeconds: Int64?
    var aiRequestsPerMinute: Int?
}
