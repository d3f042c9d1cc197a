import DialogueProtocol
import DialogueServerStore
import Hummingbird

/// `/api/health` for load balancers and `/api/openapi.json`, the REST contract.
struct HealthController {
    let store: any ServerStore

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("health") { _, _ in
            try Response.json(HealthResponse(status: "ok", version: ProtocolVersion.product, store: store.kind))
        }
        group.get("openapi.json") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json))
            )
        }
    }
}
