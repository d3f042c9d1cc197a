import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The terminal while the chat runs: keys in (from a dedicated reader thread, so no blocking read
/// ever holds one of the few cooperative threads), frames out, size on demand.
///
/// ``open()`` takes the terminal over; ``close()`` gives it back and must run on every way out
/// (``ChatTerminalGuard`` covers signals and crashes).
final class ChatTerminal: Sendable {
    /// What the reader thread reports.
    enum Input: Sendable, Equatable {
        case keys([ChatKey])
        /// SIGWINCH: the window changed size.
        case resized
        /// Standard input ended or the terminal hung up.
        case closed
    }

    /// Keys, resizes and the end of input, in order.
    let inputs: AsyncStream<Input>
    private let wakeWrite: Int32
    private let isOpen = Mutex(true)

    private init(inputs: AsyncStream<Input>, wakeWrite: Int32) {
        self.inputs = inputs
        self.wakeWrite = wakeWrite
    }

    /// Raw mode, the alternate screen, the signal handlers, and the reader thread.
    static func open() throws(ChatFailure) -> ChatTerminal {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { throw ChatFailure(message: "no pipe for the key reader (errno \(errno))") }
        let (wakeRead, wakeWrite) = (descriptors[0], descriptors[1])
        // Not inherited by children; and a full pipe never blocks the SIGWINCH handler.
        _ = fcntl(wakeRead, F_SETFD, FD_CLOEXEC)
        _ = fcntl(wakeWrite, F_SETFD, FD_CLOEXEC)
        _ = fcntl(wakeWrite, F_SETFL, O_NONBLOCK)
        do {
            try ChatTerminalGuard.enter()
        } catch {
            Glibc.close(wakeRead)
            Glibc.close(wakeWrite)
            throw error
        }
        ChatTerminalGuard.wakeDescriptor = wakeWrite
        let (inputs, continuation) = AsyncStream.makeStream(of: Input.self)
        let reader = Thread {
            Self.read(wakeDescriptor: wakeRead, into: continuation)
        }
        reader.name = "dialogue-chat-keys"
        reader.start()
        return ChatTerminal(inputs: inputs, wakeWrite: wakeWrite)
    }

    /// The window's size in cells; 80x24 when the terminal does not say.
    var size: (width: Int, height: Int) {
        var size = winsize()
        let result = withUnsafeMutablePointer(to: &size) { ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), $0) }
        guard result == 0, size.ws_col > 0, size.ws_row > 0 else { return (80, 24) }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// Writes a frame's bytes.
    func write(_ text: String) {
        ChatTerminalGuard.writeAll(text)
    }

    /// Stops the reader and restores the terminal; safe to call more than once.
    func close() {
        let wasOpen = isOpen.withLock { open in
            defer { open = false }
            return open
        }
        guard wasOpen else { return }
        ChatTerminalGuard.wakeDescriptor = -1
        // The reader sees the pipe close and ends.
        Glibc.close(wakeWrite)
        ChatTerminalGuard.restore()
        ChatTerminalGuard.uninstallHandlers()
    }

    /// The reader thread: waits for keys or a wake-up, decodes, reports; ends when the pipe closes.
    private static func read(wakeDescriptor: Int32, into continuation: AsyncStream<Input>.Continuation) {
        var decoder = ChatKeyDecoder()
        var buffer = [UInt8](repeating: 0, count: 4096)
        defer {
            Glibc.close(wakeDescriptor)
            continuation.finish()
        }
        while true {
            var descriptors = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            // A lone ESC waits a moment for the rest of a sequence, then counts as the Escape key.
            let ready = poll(&descriptors, 2, decoder.hasPending ? 40 : -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if ready == 0 {
                let keys = decoder.flush()
                if !keys.isEmpty { continuation.yield(.keys(keys)) }
                continue
            }
            if descriptors[1].revents != 0 {
                let count = Glibc.read(wakeDescriptor, &buffer, buffer.count)
                if count == 0 { return }
                if count > 0 { continuation.yield(.resized) }
            }
            if descriptors[0].revents != 0 {
                let count = Glibc.read(STDIN_FILENO, &buffer, buffer.count)
                if count < 0, errno == EINTR || errno == EAGAIN { continue }
                if count <= 0 {
                    continuation.yield(.closed)
                    return
                }
                let keys = decoder.feed(buffer[0..<count])
                if !keys.isEmpty { continuation.yield(.keys(keys)) }
            }
        }
    }
}
