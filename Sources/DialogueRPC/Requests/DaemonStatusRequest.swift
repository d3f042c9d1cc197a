/// `daemon.status`: Report lock state, account, server connection, outbox and cache size.
package struct DaemonStatusRequest: LocalRequest {
    package typealias Response = StatusView
    package static let method = "daemon.status"
    package static let summary = "Report lock state, account, server connection, outbox and cache size."

    package init() {}
}
