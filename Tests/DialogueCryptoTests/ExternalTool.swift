import Foundation

/// Runs an external program (openssl, python3) for interop tests and returns its stdout.
enum ExternalTool {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], stdin: [UInt8] = []
    )
        throws -> String
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        process.environment = env
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(stdin))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(executable) exited with \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let opensslPath = "/usr/bin/openssl"
    static var hasOpenSSL: Bool { FileManager.default.isExecutableFile(atPath: opensslPath) }

    /// The pyca/cryptography HPKE oracle (cryptography ≥ 47 has `hpke.Suite`).
    static let pythonHPKE = """
        import sys
        from cryptography.hazmat.primitives import hpke
        from cryptography.hazmat.primitives.asymmetric import x25519
        pk = x25519.X25519PublicKey.from_public_bytes(bytes.fromhex(sys.argv[1]))
        suite = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
        print(suite.encrypt(bytes.fromhex(sys.argv[3]), pk, info=bytes.fromhex(sys.argv[2])).hex())
        """

    /// True when `python3` is on PATH and its `cryptography` package offers HPKE.
    static let hasPythonHPKE: Bool = {
        (try? run("/usr/bin/env", ["python3", "-c", "from cryptography.hazmat.primitives import hpke; hpke.Suite"]))
            != nil
    }()
}
