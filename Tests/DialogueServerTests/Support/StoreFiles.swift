import Foundation

/// Looks for bytes in every file of a data directory (database, WAL, anything else).
enum StoreFiles {
    static func contain(_ marker: String, in directory: URL) throws -> Bool {
        let needle = Data(marker.utf8)
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            guard let data = try? Data(contentsOf: url) else { continue }
            if data.range(of: needle) != nil { return true }
        }
        return false
    }
}
