import CGD

/// Process-wide libgd set-up, done once before the first decode.
enum GDLibrary {
    /// libgd prints decoder complaints to stderr by default (into the journal, for the daemon);
    /// the downscaler reports failures as ``MediaError`` instead, so the printing is switched off.
    private static let quieted: Void = gdSetErrorMethod(nil)

    static func prepare() { Self.quieted }
}
