import Crypto

/// Random bytes from the system CSPRNG only (getrandom on Linux); there is no custom RNG.
package enum SecureRandom {
    package static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var out: [UInt8] = []
        out.reserveCapacity(count + 8)
        while out.count < count {
            withUnsafeBytes(of: generator.next()) { out.append(contentsOf: $0) }
        }
        return Array(out.prefix(count))
    }
}
