import DialogueProtocol

/// One way to a model: through the Dialogue server or directly to an OpenAI-compatible endpoint.
protocol AssistantTransport: Sendable {
    /// Which way this is, for logs.
    var mode: AssistantSettings.Mode { get }

    /// Streams the answer to `messages`, handing each piece to `onToken` in order.
    /// - Returns: The whole answer, once the stream ended properly.
    /// - Throws: ``DaemonError`` for an endpoint that cannot be reached, refuses, goes silent or
    ///   ends mid-answer; task cancellation cancels the HTTP request.
    func answer(
        _ messages: [AssistantMessage],
        onToken: @escaping @Sendable (String) -> Void
    ) async throws(DaemonError) -> String
}
