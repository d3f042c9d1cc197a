/// `daemon.lock`: Wipe keys and decrypted indexes from memory.
package struct DaemonLockRequest: LocalRequest {
    package typealias Response = EmptyResult
    package static let method = "daemon.lock"
    package static let summary = "Wipe keys and decrypted indexes from memory."

    package init() {}
}
