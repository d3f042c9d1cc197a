/// `presence.list`: Who is online, and when the others were last seen.
package struct PresenceListRequest: LocalRequest {
    package typealias Response = [PresenceView]
    package static let method = "presence.list"
    package static let summary = "Who is online, and when the others were last seen."

    package init() {}
}
