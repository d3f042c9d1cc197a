import Foundation

/// The package's own programs (`dialogue`, `dialogued`, `dialogue-server`), built next to the test
/// bundle by the same `swift test`.
public enum BuiltProgram {
    public struct Missing: Error, CustomStringConvertible {
        public var name: String
        public var description: String { "\(name) is not built next to the tests" }
    }

    /// The program's path, or `nil` when it was not built.
    public static func url(_ name: String) -> URL? {
        var candidates: [URL] = []
        if let bundle = Bundle.main.executableURL?.deletingLastPathComponent() {
            candidates.append(bundle)
            candidates.append(bundle.deletingLastPathComponent())
        }
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        return candidates.map { $0.appendingPathComponent(name) }.first {
            FileManager.default.isExecutableFile(atPath: $0.path)
        }
    }

    /// The program's path; throws when it was not built.
    public static func path(_ name: String) throws -> String {
        guard let url = url(name) else { throw Missing(name: name) }
        return url.path
    }
}
