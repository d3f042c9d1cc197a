/// A failure that ends the benchmark run, with a sentence saying why.
struct BenchmarkError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
