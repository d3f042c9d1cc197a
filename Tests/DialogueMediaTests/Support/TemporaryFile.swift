import Foundation

/// A file in a fresh temporary directory, removed by ``remove()``.
struct TemporaryFile {
    let directory: URL
    let path: String

    init(_ bytes: [UInt8], name: String = "attachment") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dm-" + UUID().uuidString.prefix(8).lowercased(), isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
