/// The AI assistant proxy: any OpenAI-compatible chat-completions endpoint with streaming.
package struct AssistantConfiguration: Sendable {
    /// The OpenAI-style base ending in `/v1`; `/chat/completions` is appended. Groq's by default.
    package var baseURL = "https://api.groq.com/openai/v1"
    package var apiKey: String?
    package var model = "meta-llama/llama-4-scout-17b-16e-instruct"
    /// Set when `baseURL` was chosen explicitly (a local model server may need no key).
    package var baseURLConfigured = false
    package var systemPrompt = AssistantConfiguration.defaultSystemPrompt
    /// Longest wait for the provider to connect.
    package var connectTimeoutSeconds: Int64 = 10
    /// Longest silence between two chunks of an answer.
    package var readTimeoutSeconds: Int64 = 30
    /// Longest whole answer.
    package var totalTimeoutSeconds: Int64 = 300
    /// Questions per user per minute.
    package var requestsPerMinute = 20
    /// Most turns and characters accepted from a client.
    package var maxMessages = 50
    package var maxMessageCharacters = 16_000

    package init() {}

    /// Whether requests can be proxied at all.
    package var isConfigured: Bool { apiKey != nil || baseURLConfigured }

    package static let defaultSystemPrompt = """
        You are Dialogue's built-in assistant. Dialogue is a self-hosted, end-to-end-encrypted team \
        messenger for desktop Linux: a server that stores only ciphertext, a per-user daemon \
        (dialogued, a systemd user service) that holds the keys and an encrypted local cache, and \
        the `dialogue` command line with an interactive terminal chat. Messages, edits, reactions, \
        group names and attachments are encrypted on the sender's machine; the server cannot read \
        them. Groups have an admin (the creator) who adds and removes members, renames the group and \
        can delete it; messages can be edited for 15 minutes and deleted at any time. Users compare \
        60-digit safety numbers to verify each other. The daemon reads ~/.config/dialogue/config.toml \
        and the server a JSON config file. Be concise and practical. Note that questions asked to you \
        leave end-to-end encryption: they go to the AI provider configured on the server.
        """
}
