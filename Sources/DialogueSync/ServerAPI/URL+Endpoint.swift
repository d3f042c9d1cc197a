import Foundation

extension URL {
    /// `path` under this base URL as text, however many slashes the base was written with
    /// (`https://chat.example.org/` and `https://chat.example.org` name the same server).
    package func endpoint(_ path: String) -> String {
        var base = absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return path.isEmpty ? base : base + "/" + path
    }
}
