import DialogueRPC
import NIOCore

extension ByteBuffer {
    /// One message as the socket carries it: its compact JSON and a newline.
    init(line message: JSONValue) {
        var bytes = message.serializedBytes()
        bytes.append(UInt8(ascii: "\n"))
        self.init(bytes: bytes)
    }
}
