import Foundation

/// Decodes an OpenAI-compatible `stream: true` chat-completions response (server-sent events)
/// into tokens, whatever way the bytes are split across reads.
///
/// Events end at a blank line; `data:` lines are joined; comments (`:`) and other fields are
/// ignored. `data: [DONE]` ends the stream. A data payload that is not a chunk is reported as
/// ``Output/malformed(_:)`` and skipped, so one bad line does not lose the answer.
public struct ChatStreamDecoder: Sendable {
    public enum Output: Equatable, Sendable {
        case token(String)
        case done
        /// The provider reported an error inside the stream.
        case error(String)
        case malformed(String)
    }

    private var buffer: [UInt8] = []
    private var dataLines: [String] = []
    /// Refuses to buffer an unbounded line from a misbehaving peer.
    public let maxLineBytes: Int

    public init(maxLineBytes: Int = 1 << 20) { self.maxLineBytes = maxLineBytes }

    /// Feeds the next bytes; returns what they completed.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Output] {
        buffer.append(contentsOf: bytes)
        var outputs: [Output] = []
        while let newline = buffer.firstIndex(of: 0x0A) {
            var line = Array(buffer[..<newline])
            buffer.removeSubrange(...newline)
            if line.last == 0x0D { line.removeLast() }
            outputs += take(line: String(decoding: line, as: UTF8.self))
        }
        if buffer.count > maxLineBytes {
            buffer.removeAll()
            outputs.append(.malformed("a line longer than \(maxLineBytes) bytes"))
        }
        return outputs
    }

    /// The stream ended: dispatches a last event that had no blank line after it.
    public mutating func finish() -> [Output] {
        var outputs: [Output] = []
        if !buffer.isEmpty {
            let line = String(decoding: buffer, as: UTF8.self)
            buffer.removeAll()
            outputs += take(line: line)
        }
        outputs += dispatch()
        return outputs
    }

    private mutating func take(line: String) -> [Output] {
        if line.isEmpty { return dispatch() }
        if line.hasPrefix(":") { return [] }
        guard line.hasPrefix("data:") else { return [] }
        var value = line.dropFirst(5)
        if value.first == " " { value = value.dropFirst() }
        dataLines.append(String(value))
        return []
    }

    private mutating func dispatch() -> [Output] {
        guard !dataLines.isEmpty else { return [] }
        let data = dataLines.joined(separator: "\n")
        dataLines.removeAll()
        if data == "[DONE]" { return [.done] }
        guard let object = try? JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any] else {
            return [.malformed(data)]
        }
        if let error = object["error"] as? [String: Any] {
            return [.error(error["message"] as? String ?? "the provider reported an error")]
        }
        guard let choices = object["choices"] as? [[String: Any]] else { return [.malformed(data)] }
        var outputs: [Output] = []
        for choice in choices {
            if let delta = choice["delta"] as? [String: Any], let content = delta["content"] as? String,
                !content.isEmpty
            {
                outputs.append(.token(content))
            }
        }
        return outputs
    }
}
