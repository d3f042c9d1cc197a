import NIOConcurrencyHelpers
import NIOCore

/// A child channel the server accepted but has not started serving yet.
///
/// The bootstrap hands children over through an async sequence. A child accepted while the server
/// stops is dropped by that sequence, and an `NIOAsyncChannel` dropped that way traps in NIO ("Deinited
/// NIOAsyncWriter without calling finish()"). So children travel as this plain wrapper, with reading
/// switched off, and are wrapped in an `NIOAsyncChannel` only in the task that serves them; one dropped
/// unserved simply closes its channel. Anything read before that waits in ``PendingReadsHandler``.
final class AcceptedConnection: Sendable {
    let channel: any Channel
    /// Whether ``serve()`` or ``refuse()`` took ownership of the channel.
    private let claimed = NIOLockedValueBox(false)

    init(channel: any Channel) {
        self.channel = channel
    }

    deinit {
        if !self.claimed.withLockedValue({ $0 }) {
            self.channel.close(promise: nil)
        }
    }

    /// Adds `fastPath` in front of the async handlers, wraps the channel for async use and starts
    /// reading from it.
    ///
    /// Reading was off until now so no byte could reach the pipeline before the async handlers did.
    func serve(
        fastPath: @escaping @Sendable () -> ImmediateAnswerHandler
    ) async throws -> NIOAsyncChannel<LineFrame, ByteBuffer> {
        self.claimed.withLockedValue { $0 = true }
        let channel = self.channel
        return try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(fastPath())
            let asyncChannel = try NIOAsyncChannel<LineFrame, ByteBuffer>(wrappingChannelSynchronously: channel)
            // The async handlers now sit behind the pending-reads handler: let it hand over what it holds.
            channel.pipeline.syncOperations.removeHandler(name: PendingReadsHandler.name, promise: nil)
            try channel.syncOptions?.setOption(ChannelOptions.autoRead, value: true)
            return asyncChannel
        }.get()
    }

    /// Closes the channel without reading or writing a byte.
    func refuse() async {
        self.claimed.withLockedValue { $0 = true }
        try? await self.channel.close()
    }
}
