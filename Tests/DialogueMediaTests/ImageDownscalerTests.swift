import Foundation
import Testing

@testable import DialogueMedia

@Suite("image downscaling")
struct ImageDownscalerTests {
    static let marker = "GPS-MARKER-48.8584N-2.2945E"

    @Test func largePhotoIsScaledToTheLimitAndStripped() throws {
        let source = TestImages.withMetadata(
            TestImages.jpeg(width: 4000, height: 3000), orientation: 1, marker: Self.marker)
        #expect(source.contains(Self.marker))
        let file = try TemporaryFile(source, name: "photo.jpg")
        defer { file.remove() }

        let prepared = try ImageDownscaler.prepare(fileAt: file.path)

        #expect(prepared.mimeType == "image/jpeg")
        #expect(prepared.width == 1600)
        #expect(prepared.height == 1200)
        #expect(!prepared.data.contains(Self.marker))
        #expect(!prepared.data.contains("Exif"))
        let decoded = try #require(DecodedImage(prepared.data, mimeType: prepared.mimeType))
        #expect(decoded.width == 1600)
        #expect(decoded.height == 1200)
    }

    @Test func smallPhotoIsStillReEncodedWithoutMetadata() throws {
        let source = TestImages.withMetadata(
            TestImages.jpeg(width: 320, height: 240), orientation: 1, marker: Self.marker)
        let prepared = try ImageDownscaler.prepare(bytes: source)
        #expect(prepared.mimeType == "image/jpeg")
        #expect(prepared.width == 320)
        #expect(prepared.height == 240)
        #expect(!prepared.data.contains(Self.marker))
    }

    /// Orientation 6 means "turn a quarter clockwise to display": the stored left half (red) ends up on top.
    @Test func exifOrientationIsAppliedToThePixels() throws {
        let source = TestImages.withMetadata(
            TestImages.jpeg(width: 400, height: 200), orientation: 6, marker: Self.marker)
        let prepared = try ImageDownscaler.prepare(bytes: source)
        #expect(prepared.width == 200)
        #expect(prepared.height == 400)
        let decoded = try #require(DecodedImage(prepared.data, mimeType: prepared.mimeType))
        let top = decoded.pixel(x: 100, y: 50)
        let bottom = decoded.pixel(x: 100, y: 350)
        #expect(top.red > 150 && top.blue < 100)
        #expect(bottom.blue > 150 && bottom.red < 100)
    }

    @Test func transparentPNGStaysPNGAtItsSize() throws {
        let prepared = try ImageDownscaler.prepare(bytes: TestImages.transparentPNG(width: 64, height: 48))
        #expect(prepared.mimeType == "image/png")
        #expect(prepared.width == 64)
        #expect(prepared.height == 48)
        let decoded = try #require(DecodedImage(prepared.data, mimeType: prepared.mimeType))
        #expect(decoded.pixel(x: 10, y: 5).alpha == 0)
        #expect(decoded.pixel(x: 10, y: 40).alpha == 127)
    }

    @Test func gifBecomesPNG() throws {
        let prepared = try ImageDownscaler.prepare(bytes: TestImages.gif(width: 3200, height: 100))
        #expect(prepared.mimeType == "image/png")
        #expect(prepared.width == 1600)
        #expect(prepared.height == 50)
    }

    @Test func opaqueWebPBecomesJPEGAndTransparentWebPBecomesPNG() throws {
        let lossy = try ImageDownscaler.prepare(bytes: TestImages.webp(width: 2000, height: 1000, quality: 80))
        let lossless = try ImageDownscaler.prepare(bytes: TestImages.webp(width: 300, height: 200, quality: nil))
        let transparent = try ImageDownscaler.prepare(bytes: TestImages.transparentWebP(width: 40, height: 40))
        #expect(lossy.mimeType == "image/jpeg")
        #expect(lossy.width == 1600)
        #expect(lossy.height == 800)
        #expect(lossless.mimeType == "image/jpeg")
        #expect(lossless.width == 300)
        #expect(transparent.mimeType == "image/png")
        #expect(transparent.height == 40)
    }

    @Test func backgroundPreparationGivesTheSameResultAndErrors() async throws {
        let file = try TemporaryFile(TestImages.transparentPNG(width: 20, height: 10), name: "art.png")
        defer { file.remove() }
        let prepared = try await ImageDownscaler.prepareInBackground(fileAt: file.path, maxSide: 8)
        #expect(prepared == (try ImageDownscaler.prepare(fileAt: file.path, maxSide: 8)))
        #expect(prepared.width == 8)
        #expect(prepared.height == 4)
        await #expect(throws: MediaError.self) {
            try await ImageDownscaler.prepareInBackground(fileAt: file.directory.path)
        }
    }

    @Test func textIsNotAnImage() throws {
        let file = try TemporaryFile(Array("just some notes, not a picture\n".utf8), name: "notes.jpg")
        defer { file.remove() }
        #expect(refusal { () throws(MediaError) in try ImageDownscaler.prepare(fileAt: file.path) } == .notAnImage)
    }

    @Test func truncatedImagesAreRefused() {
        let jpeg = TestImages.jpeg(width: 300, height: 200)
        let png = TestImages.transparentPNG(width: 30, height: 20)
        let gif = TestImages.gif(width: 30, height: 20)
        #expect(
            refusal { () throws(MediaError) in try ImageDownscaler.prepare(bytes: Array(jpeg.prefix(jpeg.count / 2))) }
                == .truncated)
        #expect(
            refusal { () throws(MediaError) in try ImageDownscaler.prepare(bytes: Array(png.dropLast(20))) }
                == .truncated)
        #expect(
            refusal { () throws(MediaError) in try ImageDownscaler.prepare(bytes: Array(gif.dropLast(1))) }
                == .truncated)
    }

    /// Each of these would need gigabytes if decoded; the refusal comes from the header alone
    /// (none of them contains any pixel data to decode).
    @Test func hugeDeclaredDimensionsAreRefusedBeforeDecoding() {
        let png = TestImages.pngHeader(width: 100_000, height: 100_000)
        let jpeg = TestImages.jpegHeader(width: 60_000, height: 60_000)
        let webp = TestImages.webpHeader(width: 16_384, height: 16_384)
        #expect(refusal { () throws(MediaError) in try ImageDownscaler.prepare(bytes: png) } == .tooManyPixels)
        #expect(refusal { () throws(MediaError) in try ImageDownscaler.prepare(bytes: jpeg) } == .tooManyPixels)
        #expect(refusal { () throws(MediaError) in try ImageDownscaler.prepare(bytes: webp) } == .tooManyPixels)
    }

    @Test func oversizedFilesAreRefusedUnread() throws {
        let file = try TemporaryFile([0xFF, 0xD8, 0xFF], name: "big.jpg")
        defer { file.remove() }
        #expect(truncate(file.path, off_t(ImageDownscaler.maximumFileSize + 1)) == 0)
        #expect(refusal { () throws(MediaError) in try ImageDownscaler.prepare(fileAt: file.path) } == .fileTooLarge)
    }

    @Test func missingFilesAndDirectoriesAreUnreadable() throws {
        let file = try TemporaryFile([], name: "empty")
        defer { file.remove() }
        let missing = file.directory.appendingPathComponent("missing.jpg").path
        #expect(refusal { () throws(MediaError) in try ImageDownscaler.prepare(fileAt: missing) } == .unreadable)
        #expect(
            refusal { () throws(MediaError) in try ImageDownscaler.prepare(fileAt: file.directory.path) } == .unreadable
        )
        #expect(refusal { () throws(MediaError) in try ImageDownscaler.prepare(fileAt: file.path) } == .notAnImage)
    }

    @Test func inspectionNamesTheFormatAndRefusesWhatIsNoImage() throws {
        let png = try ImageDownscaler.inspect(TestImages.transparentPNG(width: 64, height: 48))
        #expect(png.mimeType == "image/png")
        #expect(png.width == 64 && png.height == 48)
        #expect(try ImageDownscaler.inspect(TestImages.gif(width: 5, height: 4)).mimeType == "image/gif")
        #expect(try ImageDownscaler.inspect(TestImages.jpeg(width: 30, height: 20)).mimeType == "image/jpeg")
        let text = #expect(throws: MediaError.self) { try ImageDownscaler.inspect(Array("<html>".utf8)) }
        #expect(text?.code == .notAnImage)
        let huge = #expect(throws: MediaError.self) {
            try ImageDownscaler.inspect(TestImages.pngHeader(width: 100_000, height: 100_000))
        }
        #expect(huge?.code == .tooManyPixels)
    }

    @Test(arguments: [
        (4000, 3000, 1600, 1200), (3000, 4000, 1200, 1600), (1600, 900, 1600, 900), (10, 10, 10, 10),
        (20000, 3, 1600, 1), (1601, 1601, 1600, 1600),
    ])
    func scaledSizeKeepsTheAspectRatio(width: Int, height: Int, expectedWidth: Int, expectedHeight: Int) {
        let size = ImageDownscaler.scaledSize(width: width, height: height, maxSide: 1600)
        #expect(size.width == expectedWidth)
        #expect(size.height == expectedHeight)
    }

    private func refusal(_ body: () throws(MediaError) -> PreparedImage) -> MediaError.Code? {
        do {
            _ = try body()
            return nil
        } catch {
            return error.code
        }
    }
}
