/// `rpc.discover`: Describe every method, param and result as an OpenRPC 1.x document.
package struct RPCDiscoverRequest: LocalRequest {
    package typealias Response = JSONValue
    package static let method = "rpc.discover"
    package static let summary = "Describe every method, param and result as an OpenRPC 1.x document."

    package init() {}
}
