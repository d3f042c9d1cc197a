/// The decompression-bomb guard, applied as soon as a parser knows the declared size.
struct PixelLimit: Sendable {
    var maximum: Int

    func check(width: Int, height: Int) throws(MediaError) {
        guard width > 0, height > 0 else { throw MediaError(.malformed, "the image declares a zero dimension") }
        guard width <= maximum / height else {
            throw MediaError(.tooManyPixels, "the image declares \(width)x\(height) pixels, more than \(maximum)")
        }
    }
}
