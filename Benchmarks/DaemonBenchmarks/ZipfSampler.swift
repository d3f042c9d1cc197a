/// Draws indices 0..<count with probability proportional to 1/(index + 1), like word frequencies.
struct ZipfSampler: Sendable {
    private let cumulative: [Double]

    init(count: Int) {
        var total = 0.0
        cumulative = (0..<count).map { index in
            total += 1 / Double(index + 1)
            return total
        }
    }

    func sample(_ random: inout some RandomNumberGenerator) -> Int {
        let target = Double.random(in: 0..<(cumulative.last ?? 1), using: &random)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] <= target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
