import DialogueProtocol
import Foundation

extension SyncEvent {
    /// One event as both stores read it back from their log: `nil` for a type this server no
    /// longer knows, so an old row is skipped instead of failing the whole page.
    /// - Parameter data: The stored JSON (``EventData/storedForm``); fill it with ``EventReferences``.
    static func logged(
        seq: Int64,
        type name: String,
        data: String,
        createdAt: Int64,
        decoder: JSONDecoder
    ) throws -> SyncEvent? {
        guard let type = EventType(rawValue: name) else { return nil }
        let data = try decoder.decode(EventData.self, from: Data(data.utf8))
        return SyncEvent(seq: seq, type: type, createdAt: Date(millis: createdAt), data: data)
    }
}
