import Foundation

/// The `[assistant]` table of `config.toml`: where `bot.ask` sends prompts.
///
/// ```toml
/// [assistant]
/// mode = "direct"                          # or "server" (the default)
/// baseURL = "http://127.0.0.1:8080/v1"     # an OpenAI-compatible endpoint; /chat/completions is appended
/// model = "llama-3.2-3b-instruct"
/// apiKeyFile = "/home/me/.config/dialogue/ai.key"   # optional, mode 0600
/// ```
///
/// Either way prompts leave end-to-end encryption: `server` sends them to the Dialogue server,
/// which forwards them to its AI provider; `direct` sends them from this daemon straight to
/// `baseURL`, so they never reach the Dialogue server.
package struct AssistantSettings: Equatable, Sendable {
    /// Which way prompts travel.
    package enum Mode: String, Equatable, Sendable, CaseIterable {
        /// `POST /api/auth/chatbot` on the signed-in account's server (the default).
        case server
        /// `POST {baseURL}/chat/completions` from the daemon itself.
        case direct
    }

    /// ``Mode/server`` unless configured.
    package var mode: Mode = .server
    /// The OpenAI-style base (ending in `/v1` for most providers), for ``Mode/direct``.
    package var baseURL: URL?
    /// The model name sent with each request, for ``Mode/direct``.
    package var model: String?
    /// A mode-0600 file holding the API key, read at each ask so a rotated key needs no restart;
    /// `nil` sends no `Authorization` header (a local model server).
    package var apiKeyFile: URL?

    package init() {}
}
