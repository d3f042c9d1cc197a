/// Turns the bytes a terminal sends into ``ChatKey``s: UTF-8, control keys, and the CSI/SS3
/// escape sequences of arrows and friends, across reads that may split any of them.
///
/// A lone ESC is ambiguous (the Escape key, or the start of a sequence still in flight), so it is
/// held until more bytes come or the reader calls ``flush()`` after a short quiet spell.
struct ChatKeyDecoder: Sendable {
    private var pending: [UInt8] = []
    /// Inside a bracketed paste (`ESC [ 200 ~` ... `ESC [ 201 ~`), with what was pasted so far.
    private var paste: [UInt8]?

    /// Whether bytes are held waiting for the rest of a sequence.
    var hasPending: Bool { !pending.isEmpty }

    /// Decodes what can be decoded; an incomplete tail is kept for the next call.
    mutating func feed(_ bytes: some Sequence<UInt8>) -> [ChatKey] {
        pending.append(contentsOf: bytes)
        return decode(final: false)
    }

    /// Decodes everything held, taking a lone ESC as the Escape key.
    mutating func flush() -> [ChatKey] {
        decode(final: true)
    }

    private mutating func decode(final: Bool) -> [ChatKey] {
        var keys: [ChatKey] = []
        var index = 0
        while index < pending.count {
            if paste != nil {
                guard let end = find(Self.pasteEnd, from: index) else {
                    // Keep a possible partial end marker for the next read.
                    let keep = max(index, pending.count - Self.pasteEnd.count + 1)
                    paste?.append(contentsOf: pending[index..<keep])
                    index = keep
                    break
                }
                paste?.append(contentsOf: pending[index..<end])
                keys.append(.paste(String(decoding: paste ?? [], as: UTF8.self)))
                paste = nil
                index = end + Self.pasteEnd.count
                continue
            }
            guard let (key, length) = decodeOne(at: index, final: final) else { break }
            index += length
            if let key { keys.append(key) }
        }
        pending.removeFirst(index)
        return keys
    }

    /// One key at `index` and the bytes it used; `nil` when more bytes are needed.
    private mutating func decodeOne(at index: Int, final: Bool) -> (ChatKey?, Int)? {
        let byte = pending[index]
        switch byte {
        case 0x1B:
            return decodeEscape(at: index, final: final)
        case 0x0D, 0x0A:
            return (.enter, 1)
        case 0x09:
            return (.tab, 1)
        case 0x7F, 0x08:
            return (.backspace, 1)
        case 0x01...0x1A:
            return (.control(Character(Unicode.Scalar(byte + 0x60))), 1)
        case 0x00, 0x1C...0x1F:
            return (nil, 1)
        case 0x20..<0x80:
            return (.character(Character(Unicode.Scalar(byte))), 1)
        default:
            return decodeUTF8(at: index, final: final)
        }
    }

    private mutating func decodeEscape(at index: Int, final: Bool) -> (ChatKey?, Int)? {
        guard index + 1 < pending.count else { return final ? (.escape, 1) : nil }
        let introducer = pending[index + 1]
        guard introducer == UInt8(ascii: "[") || introducer == UInt8(ascii: "O") else {
            // ESC then an ordinary key (Escape pressed just before it): two keys, no Alt chords.
            return (.escape, 1)
        }
        var end = index + 2
        if introducer == UInt8(ascii: "[") {
            // Parameter and intermediate bytes, then one final byte in 0x40...0x7E.
            while end < pending.count, !(0x40...0x7E).contains(pending[end]) { end += 1 }
        }
        guard end < pending.count else { return final ? (.escape, 1) : nil }
        let parameters = String(decoding: pending[(index + 2)..<end], as: UTF8.self)
        let length = end - index + 1
        switch (pending[end], parameters) {
        case (UInt8(ascii: "~"), "200"):
            paste = []
            return (nil, length)
        default:
            return (Self.key(final: pending[end], parameters: parameters), length)
        }
    }

    private static func key(final: UInt8, parameters: String) -> ChatKey? {
        // Modifiers (`1;5A` is Ctrl-Up) are ignored: the chat binds only plain keys.
        let first = parameters.split(separator: ";").first.map(String.init) ?? ""
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "Z"): return .backTab
        case UInt8(ascii: "~"):
            switch first {
            case "1", "7": return .home
            case "4", "8": return .end
            case "3": return .delete
            case "5": return .pageUp
            case "6": return .pageDown
            default: return nil
            }
        default:
            return nil
        }
    }

    private func decodeUTF8(at index: Int, final: Bool) -> (ChatKey?, Int)? {
        let byte = pending[index]
        let length: Int
        switch byte {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return (nil, 1)
        }
        guard index + length <= pending.count else { return final ? (nil, pending.count - index) : nil }
        var scalars = ""
        // Collect following scalars that belong to the same cluster (emoji with modifiers, ZWJ
        // sequences, combining marks), so a cluster arrives as one character when read together.
        var end = index + length
        scalars += String(decoding: pending[index..<end], as: UTF8.self)
        while end < pending.count, let next = Self.scalarLength(pending[end]), end + next <= pending.count {
            let candidate = scalars + String(decoding: pending[end..<(end + next)], as: UTF8.self)
            guard candidate.count == 1 else { break }
            scalars = candidate
            end += next
        }
        guard let character = scalars.first, scalars.count == 1 else { return (nil, end - index) }
        return (.character(character), end - index)
    }

    private static func scalarLength(_ byte: UInt8) -> Int? {
        switch byte {
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return nil
        }
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard pending.count >= needle.count, start <= pending.count - needle.count else { return nil }
        for offset in start...(pending.count - needle.count)
        where pending[offset..<(offset + needle.count)].elementsEqual(needle) {
            return offset
        }
        return nil
    }

    private static let pasteEnd: [UInt8] = Array("\u{1B}[201~".utf8)
}
