import DialogueProtocol
import Foundation
import Testing

/// Golden JSON for the wire types: an accidental rename or format change fails here.
@Suite("Wire types keep their JSON")
struct WireCodingTests {
    static let date = Date(timeIntervalSince1970: 1_795_737_600.123)

    static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try WireCoding.encoder().encode(value), as: UTF8.self)
    }

    static func roundTrip<T: Codable & Equatable>(_ value: T, golden: String) throws {
        #expect(try encode(value) == golden)
        #expect(try WireCoding.decoder().decode(T.self, from: Data(golden.utf8)) == value)
    }

    @Test func dates() throws {
        #expect(WireDate.string(from: Self.date) == "2026-11-27T00:00:00.123Z")
        #expect(WireDate.date(from: "2026-11-27T00:00:00Z") == Date(timeIntervalSince1970: 1_795_737_600))
        #expect(WireDate.date(from: "yesterday") == nil)
    }

    @Test func datesMatchFoundationsFormatterEverywhere() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var generator = SystemRandomNumberGenerator()
        var samples: [Double] = [0, -1, 951_782_400, 4_107_542_399.999, -2_208_988_800, 1_795_737_600.123]
        for _ in 0..<500 {
            samples.append(Double(Int64.random(in: -4_000_000_000_000...8_000_000_000_000, using: &generator)) / 1000)
        }
        for seconds in samples {
            let date = Date(timeIntervalSince1970: seconds)
            let text = WireDate.string(from: date)
            #expect(text == formatter.string(from: date), "\(seconds)")
            #expect(
                WireDate.date(from: text).map { ($0.timeIntervalSince1970 * 1000).rounded() }
                    == (seconds * 1000).rounded())
        }
        #expect(WireDate.date(from: "2026-11-27T01:00:00+01:00") == WireDate.date(from: "2026-11-27T00:00:00Z"))
        for bad in [
            "2026-13-01T00:00:00Z", "2026-11-27 00:00:00Z", "2026-11-27T00:00:00", "2026-11-27T00:00:00.Z", "x",
        ] {
            #expect(WireDate.date(from: bad) == nil, "\(bad)")
        }
    }

    @Test func base64url() {
        let bytes = Data([0xfb, 0xff, 0xbf, 0x00, 0x01])
        #expect(Base64URL.encode(bytes) == "-_-_AAE")
        #expect(Base64URL.decode("-_-_AAE") == bytes)
        #expect(Base64URL.decode("+/+/AAE") == nil)
        #expect(Base64URL.decode("A") == nil)
        #expect(Base64URL.decode("") == Data())
    }

    @Test func message() throws {
        let message = Message(
            id: "msg-1",
            conversationId: "conv-1",
            senderId: "u1",
            senderDeviceId: "d1",
            epoch: 3,
            envelope: Bytes(Data("ct".utf8)),
            blobIds: ["b1"],
            createdAt: Self.date,
            reactions: [
                Reaction(
                    id: "r1",
                    messageId: "msg-1",
                    userId: "u2",
                    deviceId: "d2",
                    epoch: 3,
                    envelope: Bytes(Data([1])),
                    createdAt: Self.date
                )
            ],
            seenBy: ["u2"]
        )
        try Self.roundTrip(
            message,
            golden:
                #"{"blobIds":["b1"],"conversationId":"conv-1","createdAt":"2026-11-27T00:00:00.123Z","deleted":false,"envelope":"Y3Q","epoch":3,"id":"msg-1","reactions":[{"createdAt":"2026-11-27T00:00:00.123Z","deviceId":"d2","envelope":"AQ","epoch":3,"id":"r1","messageId":"msg-1","userId":"u2"}],"seenBy":["u2"],"senderDeviceId":"d1","senderId":"u1"}"#
        )
    }

    @Test func errorBody() throws {
        try Self.roundTrip(
            ErrorResponse(message: "Nope.", code: "forbidden"),
            golden: #"{"code":"forbidden","message":"Nope.","success":false}"#
        )
    }

    @Test func requests() throws {
        try Self.roundTrip(
            SignupRequest(email: "a@b.org", fullname: "A", password: "pw", bio: nil),
            golden: #"{"email":"a@b.org","fullname":"A","password":"pw"}"#
        )
        try Self.roundTrip(
            SendMessageRequest(id: "m", deviceId: "d", epoch: 0, envelope: Bytes(Data([0xff])), blobIds: ["b"]),
            golden: #"{"blobIds":["b"],"deviceId":"d","envelope":"_w","epoch":0,"id":"m"}"#
        )
        try Self.roundTrip(
            AppendOpRequest(seq: 2, type: .setRole, deviceId: "d", op: Bytes(Data([0])), memberId: "u", role: .admin),
            golden: #"{"deviceId":"d","memberId":"u","op":"AA","role":"admin","seq":2,"type":"set_role"}"#
        )
    }

    @Test func clientFrames() throws {
        try Self.roundTrip(
            ClientFrame.hello(cursor: 7, deviceId: "d"), golden: #"{"cursor":7,"deviceId":"d","op":"hello"}"#)
        try Self.roundTrip(ClientFrame.ack(cursor: 9), golden: #"{"cursor":9,"op":"ack"}"#)
        try Self.roundTrip(
            ClientFrame.typing(conversationId: "c", typing: true),
            golden: #"{"conversationId":"c","op":"typing","typing":true}"#
        )
        #expect(throws: DecodingError.self) {
            try WireCoding.decoder().decode(ClientFrame.self, from: Data(#"{"op":"subscribe"}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try WireCoding.decoder().decode(ClientFrame.self, from: Data(#"{"op":"hello","cursor":"x"}"#.utf8))
        }
    }

    @Test func serverFrames() throws {
        let event = SyncEvent(
            seq: 4,
            type: .messageSeen,
            createdAt: Self.date,
            data: EventData(
                conversationId: "c",
                receipt: SeenReceipt(conversationId: "c", userId: "u", messageIds: ["m"], seenAt: Self.date)
            )
        )
        try Self.roundTrip(
            ServerFrame.event(event),
            golden:
                #"{"createdAt":"2026-11-27T00:00:00.123Z","data":{"conversationId":"c","receipt":{"conversationId":"c","messageIds":["m"],"seenAt":"2026-11-27T00:00:00.123Z","userId":"u"}},"op":"event","seq":4,"type":"message.seen"}"#
        )
        try Self.roundTrip(ServerFrame.ready(cursor: 4), golden: #"{"cursor":4,"op":"ready"}"#)
        try Self.roundTrip(ServerFrame.resync(cursor: 9), golden: #"{"cursor":9,"op":"resync"}"#)
        try Self.roundTrip(
            ServerFrame.presence([PresenceEntry(userId: "u", online: false, lastSeen: Self.date)]),
            golden: #"{"op":"presence","users":[{"lastSeen":"2026-11-27T00:00:00.123Z","online":false,"userId":"u"}]}"#
        )
        try Self.roundTrip(
            ServerFrame.typing(conversationId: "c", userId: "u", typing: false),
            golden: #"{"conversationId":"c","op":"typing","typing":false,"userId":"u"}"#
        )
        try Self.roundTrip(
            ServerFrame.error(code: "x", message: "y"),
            golden: #"{"code":"x","message":"y","op":"error"}"#
        )
    }

    @Test func everyEventTypeHasItsDottedName() {
        #expect(EventType.allCases.allSatisfy { $0.rawValue.contains(".") })
        #expect(Set(EventType.allCases.map(\.rawValue)).count == EventType.allCases.count)
    }
}
