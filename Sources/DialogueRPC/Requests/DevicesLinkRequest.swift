/// `devices.link`: Without code, on a new device: show a link code (then device.linked). With the code, on a linked device: link the new one.
package struct DevicesLinkRequest: LocalRequest {
    package typealias Response = DeviceLinkResult
    package static let method = "devices.link"
    package static let summary =
        "Without code, on a new device: show a link code (then device.linked). With the code, on a linked device: link the new one."

    package var code: String?

    package init(code: String? = nil) {
        self.code = code
    }
}
