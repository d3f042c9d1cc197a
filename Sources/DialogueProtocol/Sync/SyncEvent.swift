import Foundation

/// One entry of a user's event log, numbered by a per-user sequence without gaps.
public struct SyncEvent: Codable, Hashable, Sendable {
    public var seq: Int64
    public var type: EventType
    public var createdAt: Date
    public var data: EventData

    public init(seq: Int64, type: EventType, createdAt: Date, data: EventData) {
        self.seq = seq
        self.type = type
        self.createdAt = createdAt
        self.data = data
    }
}
