import DialogueRPC

extension RPCRouter {
    /// Registers `rpc.discover`, answering with the OpenRPC document for the methods this router
    /// really serves: ``LocalAPI`` types filtered to registered names, so a method missing from the
    /// router never appears as documented (and a test flags a registered one with no type).
    ///
    /// - Parameter version: The daemon's version, for `info.version`.
    package func registerDiscover(version: String) {
        self.register(RPCDiscoverRequest.self) { [unowned self] _, _ in
            let names = Set(self.methodNames)
            return LocalAPI.openRPCDocument(
                version: version, methods: LocalAPI.requests.filter { names.contains($0.method) })
        }
    }
}
