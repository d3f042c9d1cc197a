import Foundation

/// Runs blocking work (a blocking `recv`, a wait for a child to exit) on a thread of its own.
///
/// The whole suite shares Swift's cooperative pool, one thread per core (two in CI), with the
/// servers and daemons the tests run in process. A test that blocks one of those threads for
/// seconds starves them all, and two such tests stall every in-process server until the tests'
/// own timeouts fire, failing tests that did nothing wrong.
public enum OffPool {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
