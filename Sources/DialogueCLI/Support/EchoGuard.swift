#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Restores the terminal's echo if the user interrupts a passphrase prompt.
///
/// A signal handler cannot capture context, so the saved settings live in process-wide state
/// written only while no handler is installed (before `arm` installs it, after `disarm` removes it).
enum EchoGuard {
    nonisolated(unsafe) private static var fileDescriptor: Int32 = -1
    nonisolated(unsafe) private static var saved = termios()

    /// Saves `saved` for `fileDescriptor` and restores it on SIGINT, SIGTERM or SIGHUP, then exits 130.
    static func arm(fileDescriptor: Int32, saved: termios) {
        Self.fileDescriptor = fileDescriptor
        Self.saved = saved
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            Glibc.signal(signal) { _ in
                _ = tcsetattr(EchoGuard.fileDescriptor, TCSAFLUSH, &EchoGuard.saved)
                _ = write(STDERR_FILENO, "\n", 1)
                _exit(130)
            }
        }
    }

    /// Puts the default signal behaviour back once echo is on again.
    static func disarm() {
        for signal in [SIGINT, SIGTERM, SIGHUP] { Glibc.signal(signal, SIG_DFL) }
    }
}
