import DialogueRPC

extension RPCRouter {
    /// Registers `rpc.discover`, answering with the OpenRPC document for the methods this router really has.
    ///
    /// The document is built from ``RPCMethods`` rows, filtered to registered names, so a handler
    /// missing from the router never appears as documented. A registered method without a row is
    /// listed with an empty description so it is at least discoverable (and a test flags it).
    ///
    /// - Parameter version: The daemon's version, for `info.version`.
    package func registerDiscover(version: String) {
        self.register("rpc.discover") { [unowned self] _, _ in
            let documented = Dictionary(uniqueKeysWithValues: RPCMethods.all.map { ($0.name, $0) })
            let methods = self.methodNames.map { documented[$0] ?? RPCMethod($0, "", result: "") }
            return RPCMethods.openRPCDocument(version: version, methods: methods)
        }
    }
}
