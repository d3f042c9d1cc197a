/// What the directory returns for one user: the signed device list and each device's seal
/// certificate. Nothing in it is trusted until verified.
package struct UserKeyBundle: Sendable {
    package var deviceList: DeviceList
    package var sealCertificates: [SealKeyCertificate]

    package init(deviceList: DeviceList, sealCertificates: [SealKeyCertificate]) {
        self.deviceList = deviceList
        self.sealCertificates = sealCertificates
    }
}
