/// Builds the canonical binary encodings of DLG-E2EE: big-endian integers, `vec(x) = u32(len) ‖ x`
/// and fixed-size fields.
///
/// Every signed or hashed structure is written with this type so that there is exactly one byte
/// representation per value; the matching parser is ``ByteReader``.
package struct ByteWriter: Sendable {
    package private(set) var bytes: [UInt8]

    package init(capacity: Int = 128) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    package mutating func u8(_ value: UInt8) { bytes.append(value) }

    package mutating func u32(_ value: UInt32) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    package mutating func u64(_ value: UInt64) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends raw bytes whose length is fixed by the format (keys, ids, hashes).
    package mutating func fixed(_ value: some Sequence<UInt8>) { bytes.append(contentsOf: value) }

    /// Appends `u32(len) ‖ value`.
    package mutating func vec(_ value: some Collection<UInt8>) {
        precondition(value.count <= ByteReader.defaultLimit, "vec larger than the format allows")
        u32(UInt32(value.count))
        bytes.append(contentsOf: value)
    }

    /// Appends `vec(UTF-8(value))`.
    package mutating func string(_ value: String) {
        let utf8 = value.utf8
        precondition(utf8.count <= ByteReader.defaultLimit, "string larger than the format allows")
        u32(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// Appends the domain-separation label `L(purpose)`.
    package mutating func label(_ label: Label) { bytes.append(contentsOf: label.encoded) }
}
