import CGD

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// libgd, loaded with `dlopen` the first time an image is prepared rather than linked.
///
/// Debian's libgd pulls in some twenty libraries (HEIF, AVIF, x265, rav1e, aom, TIFF, X11, …) whose
/// relocations and constructors cost a resident 5 MiB and part of the start-up in every process
/// that links it, although a daemon may never prepare an image. Only the functions below are
/// used; the header still supplies the image type. Loading also switches off libgd's printing of
/// decoder complaints to stderr (into the journal, for the daemon): the downscaler reports
/// failures as ``MediaError`` instead.
struct GDLibrary: @unchecked Sendable {
    typealias Image = UnsafeMutablePointer<gdImage>

    let createFromJpegPtr: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Image?
    let createFromPngPtr: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Image?
    let createFromGifPtr: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Image?
    let createFromWebpPtr: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Image?
    let createTrueColor: @convention(c) (Int32, Int32) -> Image?
    let destroy: @convention(c) (Image?) -> Void
    let paletteToTrueColor: @convention(c) (Image?) -> Int32
    let alphaBlending: @convention(c) (Image?, Int32) -> Void
    let saveAlpha: @convention(c) (Image?, Int32) -> Void
    let copyResampled: @convention(c) (Image?, Image?, Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32) -> Void
    let flipHorizontal: @convention(c) (Image?) -> Void
    let flipVertical: @convention(c) (Image?) -> Void
    let flipBoth: @convention(c) (Image?) -> Void
    let rotateInterpolated: @convention(c) (Image?, Float, Int32) -> Image?
    let jpegPtr: @convention(c) (Image?, UnsafeMutablePointer<Int32>?, Int32) -> UnsafeMutableRawPointer?
    let pngPtr: @convention(c) (Image?, UnsafeMutablePointer<Int32>?) -> UnsafeMutableRawPointer?
    let free: @convention(c) (UnsafeMutableRawPointer?) -> Void

    /// The library's soname in Debian 12 (package libgd3).
    static let soname = "libgd.so.3"

    /// Loaded once per process, on first use; a failure is remembered (and reported each time).
    private static let shared: Result<GDLibrary, MediaError> = load()

    /// The loaded library, or a ``MediaError/Code/unsupported`` error naming what is missing.
    static func get() throws(MediaError) -> GDLibrary {
        try shared.get()
    }

    private static func load() -> Result<GDLibrary, MediaError> {
        // RTLD_NOW: a missing symbol fails here, not in the middle of a decode.
        guard let handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown error"
            return .failure(MediaError(.unsupported, "the image library could not be loaded (\(reason))"))
        }
        do {
            let library = try GDLibrary(handle: handle)
            // Its argument is a function taking a `va_list`, which Swift cannot spell in a C
            // function type; only NULL (libgd's "print nothing") is ever passed.
            let setErrorMethod: @convention(c) (UnsafeRawPointer?) -> Void = try symbol("gdSetErrorMethod", in: handle)
            setErrorMethod(nil)
            return .success(library)
        } catch {
            dlclose(handle)
            return .failure(error)
        }
    }

    private init(handle: UnsafeMutableRawPointer) throws(MediaError) {
        createFromJpegPtr = try Self.symbol("gdImageCreateFromJpegPtr", in: handle)
        createFromPngPtr = try Self.symbol("gdImageCreateFromPngPtr", in: handle)
        createFromGifPtr = try Self.symbol("gdImageCreateFromGifPtr", in: handle)
        createFromWebpPtr = try Self.symbol("gdImageCreateFromWebpPtr", in: handle)
        createTrueColor = try Self.symbol("gdImageCreateTrueColor", in: handle)
        destroy = try Self.symbol("gdImageDestroy", in: handle)
        paletteToTrueColor = try Self.symbol("gdImagePaletteToTrueColor", in: handle)
        alphaBlending = try Self.symbol("gdImageAlphaBlending", in: handle)
        saveAlpha = try Self.symbol("gdImageSaveAlpha", in: handle)
        copyResampled = try Self.symbol("gdImageCopyResampled", in: handle)
        flipHorizontal = try Self.symbol("gdImageFlipHorizontal", in: handle)
        flipVertical = try Self.symbol("gdImageFlipVertical", in: handle)
        flipBoth = try Self.symbol("gdImageFlipBoth", in: handle)
        rotateInterpolated = try Self.symbol("gdImageRotateInterpolated", in: handle)
        jpegPtr = try Self.symbol("gdImageJpegPtr", in: handle)
        pngPtr = try Self.symbol("gdImagePngPtr", in: handle)
        free = try Self.symbol("gdFree", in: handle)
    }

    /// The function `name` as the C function type `Function` (which must match libgd's header).
    private static func symbol<Function>(_ name: String, in handle: UnsafeMutableRawPointer) throws(MediaError)
        -> Function
    {
        guard let address = dlsym(handle, name) else {
            throw MediaError(.unsupported, "the image library lacks \(name)")
        }
        return unsafeBitCast(address, to: Function.self)
    }
}
