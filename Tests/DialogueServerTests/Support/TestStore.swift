import Testing

/// The stores every server test runs against: the embedded SQLite file and a PostgreSQL
/// database, so both answer every request the same way.
enum TestStore: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}
