import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

extension HTTPClient {
    /// The daemon's one HTTP client: system trust store plus the configured CA, short connect timeout.
    ///
    /// A self-hosted server's CA is added to the system roots (not substituted), so a later move to
    /// a public certificate needs no configuration change.
    /// - Parameter caFile: A PEM file of extra trusted CA certificates.
    /// - Throws: ``ConfigurationError`` when `caFile` cannot be read.
    package static func daemonClient(caFile: URL?) throws(ConfigurationError) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(30))
        if let caFile {
            guard FileManager.default.isReadableFile(atPath: caFile.path) else {
                throw ConfigurationError("The CA file \(caFile.path) cannot be read: check caFile in config.toml")
            }
            configuration.tlsConfiguration = .makeClientConfiguration()
            configuration.tlsConfiguration?.additionalTrustRoots = [.file(caFile.path)]
        }
        return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }
}
