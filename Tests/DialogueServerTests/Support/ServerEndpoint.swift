/// Where the fixtures send their requests: an in-process ``TestServer`` or a server process.
protocol ServerEndpoint: Sendable {
    var port: Int { get }
}

extension ServerEndpoint {
    func api(token: String? = nil) -> APIClient { APIClient(port: port, token: token) }
}

/// A server known only by its port.
struct TestServerAddress: ServerEndpoint {
    let port: Int
}
