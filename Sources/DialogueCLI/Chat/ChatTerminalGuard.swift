#if canImport(Glibc)
    import Glibc
#endif

/// Puts the terminal into the chat's modes and, whatever happens, back: on a normal exit, on
/// SIGINT, SIGTERM, SIGHUP and SIGQUIT, and on a crash (the crash handler that was installed
/// before, such as Swift's backtracer, still runs afterwards, on a readable terminal, and the
/// process then dies of the signal).
///
/// Signal handlers can only touch plain global state, so this is a namespace of static storage
/// written once by ``enter()`` before any handler is installed, and read by async-signal-safe code
/// (`write`, `tcsetattr`, `sigaction`) only.
enum ChatTerminalGuard {
    /// The terminal attributes to restore. Written before handlers are installed.
    nonisolated(unsafe) private static var saved = termios()
    /// 1 while the terminal is in the chat's modes.
    nonisolated(unsafe) private static var active: Int32 = 0
    /// The write end of the reader's wake pipe, for SIGWINCH; -1 when there is none.
    nonisolated(unsafe) static var wakeDescriptor: Int32 = -1
    /// The handlers that were installed before ours, by signal number.
    nonisolated(unsafe) private static let previous: UnsafeMutablePointer<sigaction> = {
        let actions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
        actions.initialize(repeating: sigaction(), count: 65)
        return actions
    }()

    /// Alternate screen, no autowrap (a line never spills into the next row), bracketed paste,
    /// hidden cursor, cleared screen.
    private static let enterSequence = "\u{1B}[?1049h\u{1B}[?7l\u{1B}[?2004h\u{1B}[?25l\u{1B}[2J"
    /// Everything `enterSequence` changed, undone, and back to the normal screen; CAN first ends
    /// any sequence a signal interrupted halfway.
    private static let leaveSequence: StaticString =
        "\u{18}\u{1B}[?2004l\u{1B}[?7h\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"
    private static let wakeByte: StaticString = "w"

    static let terminatingSignals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    static let crashSignals = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// Raw mode on standard input, the chat's screen modes on standard output, and the handlers.
    static func enter() throws(ChatFailure) {
        var attributes = termios()
        guard tcgetattr(STDIN_FILENO, &attributes) == 0 else {
            throw ChatFailure(message: "standard input is not a terminal")
        }
        saved = attributes
        attributes.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        attributes.c_oflag &= ~tcflag_t(OPOST)
        attributes.c_cflag |= tcflag_t(CS8)
        // No echo, no line editing, and Ctrl-C / Ctrl-Z arrive as keys rather than signals.
        attributes.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutableBytes(of: &attributes.c_cc) { bytes in
            bytes[Int(VMIN)] = 1
            bytes[Int(VTIME)] = 0
        }
        // Initialize every static a handler reads now, never lazily inside a handler.
        _ = leaveSequence.utf8CodeUnitCount
        _ = wakeByte.utf8CodeUnitCount
        _ = wakeDescriptor
        _ = previous
        guard tcsetattr(STDIN_FILENO, TCSANOW, &attributes) == 0 else {
            throw ChatFailure(message: "the terminal refused raw mode")
        }
        active = 1
        installHandlers()
        writeAll(enterSequence)
    }

    /// Leaves the chat's modes and restores the saved attributes; safe to call again, and from a
    /// signal handler.
    static func restore() {
        guard active == 1 else { return }
        active = 0
        _ = write(STDOUT_FILENO, leaveSequence.utf8Start, leaveSequence.utf8CodeUnitCount)
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &saved)
    }

    /// Removes the handlers (after ``restore()``), so later signals behave as before the chat.
    static func uninstallHandlers() {
        for signal in terminatingSignals + crashSignals + [SIGWINCH] {
            _ = sigaction(signal, previous + Int(signal), nil)
        }
    }

    private static func installHandlers() {
        for signal in terminatingSignals {
            install(signal, flags: 0) { number in
                ChatTerminalGuard.restore()
                // Die of the same signal, as if the chat had never caught it.
                _ = Glibc.signal(number, SIG_DFL)
                _ = raise(number)
            }
        }
        install(SIGWINCH, flags: Int32(SA_RESTART)) { _ in
            let descriptor = ChatTerminalGuard.wakeDescriptor
            if descriptor >= 0 {
                _ = write(descriptor, ChatTerminalGuard.wakeByte.utf8Start, 1)
            }
        }
        for signal in crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = { number, info, context in
                ChatTerminalGuard.restore()
                ChatTerminalGuard.chain(number, info, context)
                // Die of the signal, whether it was a real fault or sent by someone.
                _ = Glibc.signal(number, SIG_DFL)
                _ = raise(number)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(SA_SIGINFO)
            _ = sigaction(signal, &action, previous + Int(signal))
        }
    }

    /// Runs the crash handler that was installed before the chat's (Swift's backtracer, say).
    private static func chain(
        _ number: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
    ) {
        let old = previous[Int(number)]
        if old.sa_flags & Int32(SA_SIGINFO) != 0 {
            old.__sigaction_handler.sa_sigaction?(number, info, context)
            return
        }
        // SIG_DFL is 0 and SIG_IGN is 1: only a real function is called.
        let handler = old.__sigaction_handler.sa_handler
        if unsafeBitCast(handler, to: Int.self) > 1 { handler?(number) }
    }

    private static func install(_ signal: Int32, flags: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = flags
        _ = sigaction(signal, &action, previous + Int(signal))
    }

    /// Writes all of `text` to standard output (the terminal), retrying short writes.
    static func writeAll(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    return
                }
                offset += written
            }
        }
    }
}
