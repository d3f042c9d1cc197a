import Dispatch
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

extension DaemonCommand {
    /// Runs the daemon with Swift concurrency on NIO's event loop threads instead of a separate
    /// pool, so a local API call crosses no thread between the socket and its handler (the
    /// round trip was dominated by those wake-ups; docs/benchmarks.md). Blocking work already
    /// runs elsewhere: key derivation on NIO's thread pool, SQLite on GRDB's queues, image
    /// decoding on Dispatch. Must be called first thing on the main thread.

    package static func mainOnEventLoops() -> Never {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        Task {
            await main()
            Glibc.exit(0)
        }
        dispatchMain()
    }
}
