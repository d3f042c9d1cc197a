import Foundation

/// The one JSON configuration every side of the wire uses.
///
/// Dates travel as RFC 3339 UTC strings with milliseconds; keys are sorted so that
/// golden files and logs are stable (Foundation on Linux otherwise orders keys at random).
public enum WireCoding {
    /// An encoder producing the canonical wire form.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(WireDate.string(from: date))
        }
        return encoder
    }

    /// A decoder accepting the wire form (RFC 3339 with or without fractional seconds).
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = WireDate.date(from: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "expected an RFC 3339 date, got \"\(text)\""
                )
            }
            return date
        }
        return decoder
    }
}
