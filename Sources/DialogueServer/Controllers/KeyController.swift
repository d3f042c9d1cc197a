import DialogueProtocol
import DialogueServerStore
import Hummingbird

/// `/api/keys/*`: the key directory (account keys, signed device lists, sealing-key
/// certificates) and device linking. The server stores these signed objects; clients verify them.
struct KeyController {
    let store: any ServerStore
    let clock: any ServerClock

    static let maxKeyObjectBytes = 64 * 1024

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.put("device-list", use: publishDeviceList)
        group.put("devices/:deviceId/seal", use: publishSeal)
        group.get("pending", use: pending)
        group.post("pending", use: addPending)
        group.delete("pending/:deviceId", use: removePending)
        group.post("mailbox/:deviceId", use: postMailbox)
        group.get("mailbox/:deviceId", use: mailbox)
        group.delete("mailbox/:deviceId/:itemId", use: deleteMailboxItem)
        group.get(":userId", use: bundle)
    }

    @Sendable func publishDeviceList(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(DeviceListRequest.self, context: context)
        guard body.aik.count == 32 else {
            throw ServerError.invalidInput("`aik` must be a 32-byte Ed25519 public key.")
        }
        guard body.version >= 1 else { throw ServerError.invalidInput("`version` starts at 1.") }
        try Validation.bytes(body.deviceList, field: "deviceList", max: Self.maxKeyObjectBytes)
        let keys = try await store.publishDeviceList(userId: try context.requireUser(), request: body, now: clock.now())
        return try .json(KeyBundleResponse(keys: keys))
    }

    @Sendable func publishSeal(_ request: Request, context: AppRequestContext) async throws -> Response {
        let deviceId = try context.parameters.require("deviceId")
        try Validation.clientId(deviceId, field: "deviceId")
        let body = try await request.decodeJSON(SealCertificateRequest.self, context: context)
        try Validation.bytes(body.cert, field: "cert", max: Self.maxKeyObjectBytes)
        let keys = try await store.publishSealCertificate(
            userId: try context.requireUser(),
            deviceId: deviceId,
            cert: body.cert,
            now: clock.now()
        )
        return try .json(KeyBundleResponse(keys: keys))
    }

    @Sendable func bundle(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireUser()
        return try .json(
            KeyBundleResponse(keys: try await store.keyBundle(userId: try context.parameters.require("userId"))))
    }

    @Sendable func pending(_ request: Request, context: AppRequestContext) async throws -> Response {
        try .json(PendingDevicesResponse(devices: try await store.pendingDevices(userId: try context.requireUser())))
    }

    @Sendable func addPending(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(PendingDeviceRequest.self, context: context)
        try Validation.clientId(body.deviceId, field: "deviceId")
        try Validation.bytes(body.commitment, field: "commitment", max: 1024)
        try Validation.bytes(body.payload, field: "payload", max: Self.maxKeyObjectBytes)
        let device = try await store.addPendingDevice(
            userId: try context.requireUser(), request: body, now: clock.now())
        return try .json(PendingDevicesResponse(devices: [device]), status: .created)
    }

    @Sendable func removePending(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await store.removePendingDevice(
            userId: try context.requireUser(),
            deviceId: try context.parameters.require("deviceId")
        )
        return try .json(SuccessResponse())
    }

    @Sendable func postMailbox(_ request: Request, context: AppRequestContext) async throws -> Response {
        let deviceId = try context.parameters.require("deviceId")
        try Validation.clientId(deviceId, field: "deviceId")
        let body = try await request.decodeJSON(MailboxRequest.self, context: context)
        try Validation.clientId(body.fromDeviceId, field: "fromDeviceId")
        try Validation.bytes(body.payload, field: "payload", max: 4 * 1024 * 1024)
        let item = try await store.postMailbox(
            userId: try context.requireUser(),
            deviceId: deviceId,
            request: body,
            now: clock.now()
        )
        return try .json(MailboxResponse(items: [item]), status: .created)
    }

    @Sendable func mailbox(_ request: Request, context: AppRequestContext) async throws -> Response {
        let items = try await store.mailbox(
            userId: try context.requireUser(),
            deviceId: try context.parameters.require("deviceId")
        )
        return try .json(MailboxResponse(items: items))
    }

    @Sendable func deleteMailboxItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await store.deleteMailboxItem(
            userId: try context.requireUser(),
            deviceId: try context.parameters.require("deviceId"),
            itemId: try context.parameters.require("itemId")
        )
        return try .json(SuccessResponse())
    }
}
