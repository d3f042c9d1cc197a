import DialogueProtocol
import DialogueServerStore
import Foundation
import Hummingbird

/// `/api/blobs`: opaque encrypted attachments and avatars. The server sees only their size.
struct BlobController {
    let store: any ServerStore
    let maxBlobBytes: Int
    let clock: any ServerClock

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post(use: upload)
        group.get(":id", use: download)
    }

    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let limit = min(maxBlobBytes, context.maxUploadSize)
        let buffer = try await request.body.collect(upTo: limit)
        guard buffer.readableBytes > 0 else { throw ServerError.invalidInput("The blob is empty.") }
        let info = try await store.putBlob(
            ownerId: try context.requireUser(), data: Data(buffer: buffer), now: clock.now())
        return try .json(BlobResponse(blob: info), status: .created)
    }

    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let data = try await store.blob(id: try context.parameters.require("id"), for: try context.requireUser())
        return Response(
            status: .ok,
            headers: [.contentType: "application/octet-stream", .cacheControl: "private, max-age=31536000, immutable"],
            body: .init(byteBuffer: ByteBuffer(data: data))
        )
    }
}
