import DialogueServerStore
import Foundation

extension ServerConfiguration {
    /// Builds the configuration from defaults, a config file, the environment and flags.
    /// - Throws: ``ConfigurationError`` naming the bad source and value.
    package static func load(
        configFile: String?,
        environment: [String: String],
        host: String?,
        port: Int?,
        dataDirectory: String?,
        databaseURL: String? = nil,
        development: Bool
    ) throws -> ServerConfiguration {
        var configuration = ServerConfiguration()
        var fileDatabaseURL: String?
        if let configFile {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: configFile))
            } catch {
                throw ConfigurationError("cannot read the config file \(configFile): \(error.localizedDescription)")
            }
            let file: ConfigFile
            do {
                file = try JSONDecoder().decode(ConfigFile.self, from: data)
            } catch {
                throw ConfigurationError("the config file \(configFile) is not valid: \(error)")
            }
            try configuration.apply(file)
            fileDatabaseURL = try file.databaseURLFile.map(readSecret) ?? file.databaseURL
        }
        if let value = environment["DIALOGUE_HOST"] { configuration.host = value }
        if let value = environment["DIALOGUE_PORT"] {
            guard let port = Int(value) else { throw ConfigurationError("DIALOGUE_PORT is not a number: \(value)") }
            configuration.port = port
        }
        if let value = environment["DIALOGUE_DATA_DIR"] {
            configuration.dataDirectory = URL(fileURLWithPath: value, isDirectory: true)
        }
        var databaseText = fileDatabaseURL
        if let value = environment["DIALOGUE_DATABASE_URL"], !value.isEmpty { databaseText = value }
        // systemd's LoadCredential= puts the URL (with its password) here.
        if databaseText == nil, let directory = environment["CREDENTIALS_DIRECTORY"] {
            let path = URL(fileURLWithPath: directory).appendingPathComponent("database-url").path
            if FileManager.default.fileExists(atPath: path) { databaseText = try readSecret(path) }
        }
        if let databaseURL { databaseText = databaseURL }
        if let databaseText {
            do {
                configuration.database = try PostgresDatabaseURL(databaseText)
            } catch {
                throw ConfigurationError(error.message)
            }
        }
        if let value = environment["DIALOGUE_JWT_SECRET"], !value.isEmpty { configuration.jwtSecret = value }
        // systemd's LoadCredential= puts the secret here.
        if configuration.jwtSecret == nil, let directory = environment["CREDENTIALS_DIRECTORY"] {
            let path = URL(fileURLWithPath: directory).appendingPathComponent("jwt-secret").path
            if FileManager.default.fileExists(atPath: path) { configuration.jwtSecret = try readSecret(path) }
        }
        if let value = environment["DIALOGUE_AI_BASE_URL"], !value.isEmpty {
            configuration.assistant.baseURL = value
            configuration.assistant.baseURLConfigured = true
        }
        if let value = environment["DIALOGUE_AI_API_KEY"] ?? environment["GROQ_API_KEY"], !value.isEmpty {
            configuration.assistant.apiKey = value
        }
        if let value = environment["DIALOGUE_AI_MODEL"], !value.isEmpty { configuration.assistant.model = value }
        if configuration.assistant.apiKey == nil, let directory = environment["CREDENTIALS_DIRECTORY"] {
            let path = URL(fileURLWithPath: directory).appendingPathComponent("ai-api-key").path
            if FileManager.default.fileExists(atPath: path) { configuration.assistant.apiKey = try readSecret(path) }
        }
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        if let dataDirectory { configuration.dataDirectory = URL(fileURLWithPath: dataDirectory, isDirectory: true) }
        configuration.development = development
        guard (0...65535).contains(configuration.port) else {
            throw ConfigurationError("the port must be between 0 and 65535, not \(configuration.port)")
        }
        if let secret = configuration.jwtSecret, secret.utf8.count < 32 {
            throw ConfigurationError("the JWT secret must be at least 32 bytes long")
        }
        if configuration.jwtSecret == nil && !development {
            throw ConfigurationError(
                "no JWT secret: set DIALOGUE_JWT_SECRET, jwtSecret or jwtSecretFile in the config file, or run with --dev"
            )
        }
        return configuration
    }

    private mutating func apply(_ file: ConfigFile) throws {
        if let value = file.host { host = value }
        if let value = file.port { port = value }
        if let value = file.dataDir { dataDirectory = URL(fileURLWithPath: value, isDirectory: true) }
        if let value = file.jwtSecret { jwtSecret = value }
        if let value = file.jwtSecretFile { jwtSecret = try Self.readSecret(value) }
        if let value = file.tokenLifetimeSeconds { tokenLifetimeSeconds = value }
        if let value = file.bcryptCost {
            guard (10...16).contains(value) else { throw ConfigurationError("bcryptCost must be between 10 and 16") }
            bcryptCost = value
        }
        if let value = file.maxBodyBytes { maxBodyBytes = value }
        if let value = file.maxBlobBytes { maxBlobBytes = value }
        if let value = file.maxEnvelopeBytes { messageLimits.maxEnvelopeBytes = value }
        if let value = file.editWindowSeconds { messageLimits.editWindowSeconds = value }
        if let value = file.authRateLimit { authRateLimit = value }
        if let value = file.authRateWindowSeconds { authRateWindowSeconds = value }
        if let value = file.eventRetentionDays { eventRetentionSeconds = value * 24 * 3600 }
        if let value = file.pingIntervalSeconds { pingIntervalSeconds = value }
        if let value = file.connectionQueueLimit { connectionQueueLimit = value }
        if let value = file.sendTimeoutSeconds { sendTimeoutSeconds = value }
        if let value = file.aiBaseURL {
            assistant.baseURL = value
            assistant.baseURLConfigured = true
        }
        if let value = file.aiApiKey { assistant.apiKey = value }
        if let value = file.aiApiKeyFile { assistant.apiKey = try Self.readSecret(value) }
        if let value = file.aiModel { assistant.model = value }
        if let value = file.aiSystemPrompt { assistant.systemPrompt = value }
        if let value = file.aiReadTimeoutSeconds { assistant.readTimeoutSeconds = value }
        if let value = file.aiTotalTimeoutSeconds { assistant.totalTimeoutSeconds = value }
        if let value = file.aiRequestsPerMinute { assistant.requestsPerMinute = value }
    }

    private static func readSecret(_ path: String) throws -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigurationError("cannot read the secret file \(path)")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
