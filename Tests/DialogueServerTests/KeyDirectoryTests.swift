import DialogueProtocol
import Foundation
import Testing

@Suite("Key directory and device linking")
struct KeyDirectoryTests {
    @Test(arguments: TestStore.allCases) func deviceListVersionsOnlyGoUp(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let ben = try await Fixtures.signup(server, name: "Ben")
            #expect(try await ben.api.get("/api/keys/\(ann.id)").status == .notFound)
            let aik = Bytes(Data(repeating: 7, count: 32))
            let v1 = try await ann.api.send(
                .put,
                "/api/keys/device-list",
                json: DeviceListRequest(aik: aik, version: 1, deviceList: Fixtures.envelope("list-v1"))
            )
            #expect(v1.status == .ok)
            let replay = try await ann.api.send(
                .put,
                "/api/keys/device-list",
                json: DeviceListRequest(aik: aik, version: 1, deviceList: Fixtures.envelope("list-v1-again"))
            )
            #expect(replay.status == .conflict)
            #expect(replay.code == "stale_version")
            let badKey = try await ann.api.send(
                .put,
                "/api/keys/device-list",
                json: DeviceListRequest(aik: Bytes(Data(count: 5)), version: 2, deviceList: Fixtures.envelope())
            )
            #expect(badKey.status == .badRequest)
            let v2 = try await ann.api.send(
                .put,
                "/api/keys/device-list",
                json: DeviceListRequest(aik: aik, version: 2, deviceList: Fixtures.envelope("list-v2"))
            )
            #expect(v2.status == .ok)
            let cert = try await ann.api.send(
                .put,
                "/api/keys/devices/\(ann.deviceId)/seal",
                json: SealCertificateRequest(cert: Fixtures.envelope("cert"))
            )
            #expect(cert.status == .ok)

            let bundle = try await ben.api.get("/api/keys/\(ann.id)").decode(KeyBundleResponse.self).keys
            #expect(bundle.aik == aik)
            #expect(bundle.deviceListVersion == 2)
            #expect(bundle.deviceList == Fixtures.envelope("list-v2"))
            #expect(bundle.devices.map(\.deviceId) == [ann.deviceId])
            #expect(bundle.devices.first?.cert == Fixtures.envelope("cert"))
        }
    }

    @Test(arguments: TestStore.allCases) func pendingDevicesAndMailbox(store: TestStore) async throws {
        try await withTestServer(store: store) { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            let ben = try await Fixtures.signup(server, name: "Ben")
            let newDevice = Fixtures.uniqueId("dev")
            let pending = try await ann.api.send(
                .post,
                "/api/keys/pending",
                json: PendingDeviceRequest(
                    deviceId: newDevice,
                    commitment: Bytes(Data(repeating: 1, count: 32)),
                    payload: Fixtures.envelope("keys")
                )
            )
            #expect(pending.status == .created)
            let list = try await ann.api.get("/api/keys/pending").decode(PendingDevicesResponse.self).devices
            #expect(list.map(\.deviceId) == [newDevice])
            // Other users never see someone's pending devices.
            #expect(try await ben.api.get("/api/keys/pending").decode(PendingDevicesResponse.self).devices.isEmpty)

            let posted = try await ann.api.send(
                .post,
                "/api/keys/mailbox/\(newDevice)",
                json: MailboxRequest(fromDeviceId: ann.deviceId, payload: Fixtures.envelope("bundle"))
            )
            #expect(posted.status == .created)
            let items = try await ann.api.get("/api/keys/mailbox/\(newDevice)").decode(MailboxResponse.self).items
            #expect(items.map(\.payload) == [Fixtures.envelope("bundle")])
            #expect(try await ben.api.get("/api/keys/mailbox/\(newDevice)").decode(MailboxResponse.self).items.isEmpty)
            let item = try #require(items.first)
            #expect(try await ben.api.request(.delete, "/api/keys/mailbox/\(newDevice)/\(item.id)").status == .notFound)
            #expect(try await ann.api.request(.delete, "/api/keys/mailbox/\(newDevice)/\(item.id)").status == .ok)
            #expect(try await ann.api.request(.delete, "/api/keys/pending/\(newDevice)").status == .ok)
            #expect(try await ann.api.request(.delete, "/api/keys/pending/\(newDevice)").status == .notFound)
        }
    }
}
