/// A level-triggered wake-up with a timeout: `signal()` before `wait` is not lost, and several
/// signals while nobody waits count as one. The outbox sender waits on it between passes.
package actor WakeSignal {
    private var pending = false
    private var waiter: (id: Int, continuation: CheckedContinuation<Bool, Never>)?
    private var nextID = 0
    private var finished = false
    private var cancelled: Set<Int> = []

    package init() {}

    package func signal() {
        if let waiter {
            self.waiter = nil
            waiter.continuation.resume(returning: true)
        } else {
            pending = true
        }
    }

    /// Wakes every waiter for good (the session closed).
    package func finish() {
        finished = true
        signal()
    }

    /// Returns on a signal, after `timeout` seconds, or at once when one is pending.
    /// - Returns: Whether a signal (rather than the timeout) ended the wait.
    @discardableResult
    package func wait(timeout seconds: Double) async -> Bool {
        if pending || finished {
            pending = false
            return true
        }
        nextID += 1
        let id = nextID
        let timer = Task {
            try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            self.timeOut(id)
        }
        let signalled = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if cancelled.remove(id) != nil {
                    continuation.resume(returning: false)
                } else {
                    waiter = (id, continuation)
                }
            }
        } onCancel: {
            Task { await self.timeOut(id, cancelling: true) }
        }
        timer.cancel()
        return signalled
    }

    package var isFinished: Bool { finished }

    private func timeOut(_ id: Int, cancelling: Bool = false) {
        guard let waiter, waiter.id == id else {
            // Cancelled before the waiter was installed: let it return at once.
            if cancelling, id == nextID { cancelled.insert(id) }
            return
        }
        self.waiter = nil
        waiter.continuation.resume(returning: false)
    }
}
