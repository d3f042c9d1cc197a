import DialogueProtocol
import Synchronization

/// The frames read off the WebSocket ahead of the applier. Reading and decoding run on their own
/// task while a batch is applied, and the applier takes every frame already here at once, so a
/// backlog is applied in batches (one transaction each) instead of one frame at a time. Bounded:
/// a reader more than `limit` frames ahead waits, and the server's socket then pushes back.
package final class FrameQueue: Sendable {
    private struct State {
        var frames: [ServerFrame] = []
        var finished = false
        var taker: CheckedContinuation<Void, Never>?
        var pusher: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())
    private let limit: Int

    package init(limit: Int) {
        self.limit = limit
    }

    /// Adds a frame, waiting while the queue is full; `false` once the queue is finished (the
    /// applier stopped), when the reader should stop too.
    package func push(_ frame: ServerFrame) async -> Bool {
        while true {
            let full = state.withLock { state -> Bool? in
                if state.finished { return nil }
                guard state.frames.count >= limit else {
                    state.frames.append(frame)
                    let taker = state.taker
                    state.taker = nil
                    taker?.resume()
                    return false
                }
                return true
            }
            guard let full else { return false }
            guard full else { return true }
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool in
                    if state.finished || state.frames.count < limit { return true }
                    state.pusher = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
    }

    /// Up to `maximum` frames in arrival order, waiting for the first; `nil` once the queue is
    /// finished and empty.
    package func take(maximum: Int) async -> [ServerFrame]? {
        while true {
            let taken = state.withLock { state -> [ServerFrame]?? in
                guard state.frames.isEmpty else { return .some(Self.remove(maximum, from: &state)) }
                return state.finished ? .some(nil) : nil
            }
            if let taken { return taken }
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool in
                    if state.finished || !state.frames.isEmpty { return true }
                    state.taker = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
    }

    /// Up to `maximum` frames already here, without waiting.
    package func takeAvailable(maximum: Int) -> [ServerFrame] {
        state.withLock { state in state.frames.isEmpty ? [] : Self.remove(maximum, from: &state) }
    }

    /// Removes up to `maximum` frames, oldest first, and wakes a reader waiting for room.
    private static func remove(_ maximum: Int, from state: inout State) -> [ServerFrame] {
        let count = min(maximum, state.frames.count)
        let batch = Array(state.frames.prefix(count))
        state.frames.removeFirst(count)
        let pusher = state.pusher
        state.pusher = nil
        pusher?.resume()
        return batch
    }

    /// No more frames: the reader ended, or the applier stopped. Wakes whichever side waits.
    package func finish() {
        let (taker, pusher) = state.withLock { state in
            state.finished = true
            defer {
                state.taker = nil
                state.pusher = nil
            }
            return (state.taker, state.pusher)
        }
        taker?.resume()
        pusher?.resume()
    }
}
