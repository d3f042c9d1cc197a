/// The payload of one `NOTIFY dialogue_log`: which instance committed, and how far each user's
/// event log now reaches.
struct LogMarks: Codable, Sendable, Equatable {
    /// The sending instance, so it can skip its own notifications.
    var instance: String
    var marks: [String: Int64]

    /// Users per notification: PostgreSQL refuses payloads of 8,000 bytes or more, and a user id
    /// with its mark takes under 60.
    static let usersPerPayload = 100

    /// `marks` split into payloads that each fit a notification.
    static func payloads(instance: String, marks: [String: Int64]) -> [LogMarks] {
        let users = marks.keys.sorted()
        return stride(from: 0, to: users.count, by: usersPerPayload).map { start in
            let slice = users[start..<min(start + usersPerPayload, users.count)]
            return LogMarks(instance: instance, marks: Dictionary(uniqueKeysWithValues: slice.map { ($0, marks[$0]!) }))
        }
    }
}
