/// A signed-up benchmark user: what the harness needs to act as them.
struct Account: Sendable {
    var id: String
    var token: String
}
