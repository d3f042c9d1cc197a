import DialogueProtocol
import Foundation
import Testing

@Suite("Encrypted blobs")
struct BlobTests {
    @Test(arguments: TestStore.allCases) func uploadDownloadAndAccess(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let ben = try await Fixtures.signup(server, name: "Ben")
            let eve = try await Fixtures.signup(server, name: "Eve")
            let info = try await Fixtures.uploadBlob(ann, bytes: 4096)
            #expect(info.size == 4096)
            #expect(info.sha256.count == 64)
            let own = try await ann.api.get("/api/blobs/\(info.id)")
            #expect(own.status == .ok)
            #expect(own.body == Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) }))
            // Not shared yet: nobody else can read it.
            #expect(try await ben.api.get("/api/blobs/\(info.id)").status == .notFound)
            let direct = try await Fixtures.createDirect(ann, with: ben)
            _ = try await Fixtures.send(ann, to: direct.id, blobIds: [info.id])
            #expect(try await ben.api.get("/api/blobs/\(info.id)").status == .ok)
            #expect(try await eve.api.get("/api/blobs/\(info.id)").status == .notFound)
            #expect(try await ann.api.request(.post, "/api/blobs", body: Data()).status == .badRequest)
        }
    }

    @Test(arguments: TestStore.allCases) func blobsOverTheLimitAreRefused(store: TestStore) async throws {
        try await withTestServer(store: store, settings: TestSettings(maxBlobBytes: 1000)) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let reply = try await ann.api.request(
                .post,
                "/api/blobs",
                body: Data(count: 1001),
                headers: [.contentType: "application/octet-stream"]
            )
            #expect(reply.status == .contentTooLarge)
        }
    }
}
