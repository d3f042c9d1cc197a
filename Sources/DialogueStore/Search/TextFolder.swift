import Foundation

/// Folds text for matching: lowercase, with combining diacritics removed, so "É", "é" and
/// "e\u{301}" all fold to "e" and search is case- and diacritic-insensitive.
///
/// Each scalar folds on its own (its canonical decomposition without combining marks, then its
/// lowercase mapping), so every folded scalar traces back to exactly one scalar of the original,
/// which is how highlights map back to offsets in the message. A scalar whose decomposition has
/// no combining mark keeps its composed form (Hangul syllables stay syllables). Combining marks
/// that attach with a nonzero combining class (accents, Arabic and Hebrew vowel points, Thai
/// tone marks) and variation selectors fold to nothing.
///
/// Greek final sigma folds to sigma, as case folding does (lowercasing alone keeps them apart).
/// U+0001, which the index reserves, folds to nothing.
///
/// Non-ASCII foldings come from Foundation and are cached here: make one folder per batch of
/// work, not one per message.
struct TextFolder {
    /// U+0001 folds to nothing: the index uses it to pad the end of every text.
    static let reserved: Unicode.Scalar = "\u{1}"

    private static let finalSigma: Unicode.Scalar = "\u{3C2}"
    private static let sigma: Unicode.Scalar = "\u{3C3}"

    private var cache: [Unicode.Scalar: [Unicode.Scalar]] = [:]

    /// The folded text, for the index and for query terms.
    mutating func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x01 }) {
            return String(decoding: text.utf8.map(Self.lowercaseASCII), as: UTF8.self)
        }
        var folded = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where scalar != Self.reserved {
            if scalar.isASCII {
                folded.append(Unicode.Scalar(Self.lowercaseASCII(UInt8(scalar.value))))
            } else {
                folded.append(contentsOf: fold(scalar))
            }
        }
        return String(folded)
    }

    /// The folded scalars with their origins, for computing highlights.
    mutating func foldWithOrigins(_ text: String) -> FoldedText {
        var scalars: [Unicode.Scalar] = []
        var origins: [Int] = []
        scalars.reserveCapacity(text.utf8.count)
        origins.reserveCapacity(text.utf8.count)
        var offset = 0
        for scalar in text.unicodeScalars {
            if scalar == Self.reserved {
                offset += 1
                continue
            }
            if scalar.isASCII {
                scalars.append(Unicode.Scalar(Self.lowercaseASCII(UInt8(scalar.value))))
                origins.append(offset)
            } else {
                for folded in fold(scalar) {
                    scalars.append(folded)
                    origins.append(offset)
                }
            }
            offset += 1
        }
        return FoldedText(scalars: scalars, origins: origins, originalCount: offset)
    }

    private mutating func fold(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if let cached = cache[scalar] { return cached }
        let decomposed = Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
        let bases = decomposed.filter { !Self.foldsAway($0) }
        let source = bases.count == decomposed.count ? [scalar] : bases
        let folded = source.flatMap { $0.properties.lowercaseMapping.unicodeScalars }
            .filter { !Self.foldsAway($0) }
            .map { $0 == Self.finalSigma ? Self.sigma : $0 }
        cache[scalar] = folded
        return folded
    }

    private static func foldsAway(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        guard properties.generalCategory == .nonspacingMark else { return false }
        return properties.canonicalCombiningClass != .notReordered || properties.isVariationSelector
    }

    private static func lowercaseASCII(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }
}
