import DialogueTestSupport
import Foundation

/// A file in a fresh temporary directory, removed by ``remove()``.
struct TemporaryFile {
    let directory: URL
    let path: String

    init(_ bytes: [UInt8], name: String = "attachment") throws {
        directory = URL(fileURLWithPath: try TemporaryDirectory.create(prefix: "dm"), isDirectory: true)
        path = directory.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
