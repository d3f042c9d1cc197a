/// Reading and writing the identifiers that appear in many structures, with their limits.
extension ByteWriter {
    package mutating func userID(_ id: UserID) { string(id.rawValue) }
}

extension ByteReader {
    package mutating func userID() throws(CryptoError) -> UserID {
        try UserID(string(limit: UserID.maxBytes))
    }
}

extension ByteReader {
    package mutating func deviceID() throws(CryptoError) -> DeviceID { try DeviceID(bytes: fixed(DeviceID.size)) }
}
