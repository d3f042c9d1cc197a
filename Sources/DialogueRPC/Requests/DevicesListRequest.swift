/// `devices.list`: This account's devices.
package struct DevicesListRequest: LocalRequest {
    package typealias Response = [DeviceView]
    package static let method = "devices.list"
    package static let summary = "This account's devices."

    package init() {}
}
