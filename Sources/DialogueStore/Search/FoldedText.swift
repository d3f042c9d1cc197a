/// A message text after ``TextFolder``, with the original scalar offset of every folded scalar.
struct FoldedText {
    var scalars: [Unicode.Scalar]
    /// `origins[i]` is the offset, in the original text's scalars, that `scalars[i]` came from.
    var origins: [Int]
    /// The number of scalars in the original text.
    var originalCount: Int

    /// Every occurrence of every term (overlapping ones included), in original scalar offsets,
    /// sorted, with overlapping or touching ranges merged.
    func highlights(of terms: [[Unicode.Scalar]]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for term in terms where !term.isEmpty && term.count <= scalars.count {
            for start in 0...(scalars.count - term.count)
            where scalars[start..<(start + term.count)].elementsEqual(term) {
                ranges.append(originalRange(of: start..<(start + term.count)))
            }
        }
        ranges.sort { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
        var merged: [Range<Int>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// The original scalars a folded range came from: whole scalars even when one of them folded
    /// to several, and through the marks that folded away after the last one.
    func originalRange(of folded: Range<Int>) -> Range<Int> {
        let start = origins[folded.lowerBound]
        let last = origins[folded.upperBound - 1]
        let end = folded.upperBound < origins.count ? max(origins[folded.upperBound], last + 1) : originalCount
        return start..<end
    }
}
