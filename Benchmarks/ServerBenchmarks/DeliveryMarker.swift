import Dispatch

/// Message ids that carry their own send time (`bmk-SEQ-NANOS`), so a receiving connection
/// computes delivery latency from the frame alone, without shared state between tasks.
///
/// Receivers find the id with a byte scan instead of decoding every frame: the harness shares
/// two cores with the server, and full JSON decoding of every delivered frame would make the
/// client, not the server, the bottleneck. One frame per connection is still decoded with the
/// real wire types to check that the scan reads what the server sent.
enum DeliveryMarker {
    /// Monotonic nanoseconds, comparable within this process.
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func messageId(sequence: Int, sentAt: UInt64) -> String { "bmk-\(sequence)-\(sentAt)" }

    /// The send time in the first marker id found in `text`.
    static func sendTime(in text: String) -> UInt64? {
        var text = text
        return text.withUTF8 { scan($0) }
    }

    /// The send time encoded in one message id.
    static func sendTime(ofId id: String) -> UInt64? { sendTime(in: id) }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        let marker: [UInt8] = [0x62, 0x6D, 0x6B, 0x2D]  // "bmk-"
        guard bytes.count >= marker.count else { return nil }
        var start = 0
        while start <= bytes.count - marker.count {
            if bytes[start] == marker[0] && bytes[start + 1] == marker[1] && bytes[start + 2] == marker[2]
                && bytes[start + 3] == marker[3]
            {
                return parseTail(bytes, from: start + marker.count)
            }
            start += 1
        }
        return nil
    }

    /// Reads `SEQ-NANOS` after the marker.
    private static func parseTail(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> UInt64? {
        var index = offset
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        guard index > offset, index < bytes.count, bytes[index] == 0x2D else { return nil }
        index += 1
        var value: UInt64 = 0
        let first = index
        while index < bytes.count, isDigit(bytes[index]) {
            value = value &* 10 &+ UInt64(bytes[index] - 0x30)
            index += 1
        }
        return index > first ? value : nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
