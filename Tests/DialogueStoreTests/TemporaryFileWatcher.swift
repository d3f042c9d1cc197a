import Foundation
import Synchronization

/// Collects every SQLite temporary file this process opens while it runs, from a thread of its
/// own so that short-lived files (a sort, a statement journal) are seen too.
///
/// SQLite unlinks a temporary file as soon as it opens it, so listing TMPDIR never shows one (and
/// it reads TMPDIR once per process); the open descriptor does, as `.../etilqs_... (deleted)`.
final class TemporaryFileWatcher: Sendable {
    private let seen = Mutex<Set<String>>([])
    private let running = Atomic<Bool>(true)
    private let finished = Atomic<Bool>(false)

    init() {
        let thread = Thread { [self] in
            while running.load(ordering: .acquiring) {
                let files = Self.sqliteTemporaryFiles()
                if !files.isEmpty { seen.withLock { $0.formUnion(files) } }
            }
            finished.store(true, ordering: .releasing)
        }
        thread.start()
    }

    /// Stops watching and returns what was seen.
    func stop() async -> [String] {
        running.store(false, ordering: .releasing)
        while !finished.load(ordering: .acquiring) {
            try? await Task.sleep(for: .milliseconds(1))
        }
        return seen.withLock { $0.sorted() }
    }

    private static func sqliteTemporaryFiles() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return names.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)") }
            .filter { $0.contains("etilqs_") }
    }
}
