import Foundation

/// File paths handed to the daemon, which runs in another working directory.
enum LocalPath {
    /// `path` made absolute against the current directory, with `~` expanded.
    static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return expanded }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(expanded).path
    }
}
