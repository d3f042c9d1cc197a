/// `daemon.reconnect`: Reconnect to the server now instead of waiting for the backoff.
package struct DaemonReconnectRequest: LocalRequest {
    package typealias Response = EmptyResult
    package static let method = "daemon.reconnect"
    package static let summary = "Reconnect to the server now instead of waiting for the backoff."

    package init() {}
}
