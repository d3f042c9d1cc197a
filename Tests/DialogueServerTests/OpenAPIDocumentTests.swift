import DialogueProtocol
import DialogueServerStore
import Foundation
import Hummingbird
import Logging
import Testing

@testable import DialogueServer

/// The served OpenAPI document must stay complete and true: every route documented and nothing
/// else, every reference resolvable, and every schema matching what the Codable types encode.
@Suite struct OpenAPIDocumentTests {
    @Test func isOpenAPI31JSON() throws {
        let document = try Self.document()
        #expect(document["openapi"] as? String == "3.1.0")
        let info = try #require(document["info"] as? [String: Any])
        #expect(info["version"] as? String == ProtocolVersion.product)
        #expect(try #require(document["paths"] as? [String: Any]).count > 0)
    }

    @Test func documentsExactlyTheRoutesOfTheRouter() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("openapi-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let hub = EventHub(queueLimit: 16)
        let store = try SQLiteServerStore(directory: directory, sink: hub, logger: Logger(label: "test"))
        let router = try await ServerApplication.makeRouter(
            configuration: ServerConfiguration(),
            secret: String(repeating: "k", count: 32),
            store: store,
            hub: hub,
            clock: SystemClock()
        )
        let routed = Set(router.routes.map { Route(method: $0.method.rawValue, hummingbirdPath: "\($0.path)") })

        var documented: Set<Route> = []
        let paths = try #require(try Self.document()["paths"] as? [String: [String: Any]])
        for (path, item) in paths {
            for method in item.keys { documented.insert(Route(method: method.uppercased(), path: path)) }
        }

        #expect(routed.count == OpenAPIDocument.operations.count, "a route is registered twice or documented twice")
        #expect(routed.subtracting(documented).isEmpty, "undocumented routes: \(routed.subtracting(documented))")
        #expect(documented.subtracting(routed).isEmpty, "documented but not routed: \(documented.subtracting(routed))")
    }

    /// Path parameters must be exactly the template's `{name}` segments, and operation ids unique.
    @Test func parametersMatchThePathTemplates() {
        for operation in OpenAPIDocument.operations {
            let inTemplate = operation.path.split(separator: "/").filter { $0.hasPrefix("{") }
                .map { String($0.dropFirst().dropLast()) }
            let declared = operation.parameters.filter { $0.location == "path" }.map(\.name)
            #expect(Set(inTemplate) == Set(declared), "\(operation.method) \(operation.path)")
            #expect(inTemplate.count == declared.count, "\(operation.method) \(operation.path)")
        }
        let ids = OpenAPIDocument.operations.map(\.operationId)
        #expect(Set(ids).count == ids.count)
    }

    /// 201 for the calls that create something new, 200 for the rest (101 for the WebSocket).
    @Test func successStatuses() throws {
        let paths = try #require(try Self.document()["paths"] as? [String: [String: [String: Any]]])
        var created: Set<Route> = []
        for (path, item) in paths {
            for (method, operation) in item {
                let responses = try #require(operation["responses"] as? [String: Any])
                let successes = responses.keys.filter { $0.hasPrefix("1") || $0.hasPrefix("2") }
                #expect(successes.count == 1, "\(method) \(path)")
                if successes.first == "201" { created.insert(Route(method: method.uppercased(), path: path)) }
                if path == "/api/ws" { #expect(successes.first == "101") }
            }
        }
        #expect(
            created == [
                Route(method: "POST", path: "/api/auth/signup"),
                Route(method: "POST", path: "/api/messages/send/{id}"),
                Route(method: "POST", path: "/api/conversations/create"),
                Route(method: "POST", path: "/api/keys/pending"),
                Route(method: "POST", path: "/api/keys/mailbox/{deviceId}"),
                Route(method: "POST", path: "/api/blobs"),
            ]
        )
    }

    @Test func everyReferenceResolves() throws {
        let document = try Self.document()
        var references: [String] = []
        Self.collectReferences(in: document, into: &references)
        #expect(references.count > 100)
        for reference in references {
            #expect(Self.resolve(reference, in: document) != nil, "unresolved \(reference)")
        }
    }

    @Test func everyWireTypeHasASchema() throws {
        let schemas = try Self.schemas()
        let wireTypes = [
            "User", "SidebarUser", "Message", "Reaction", "Conversation", "Member", "ConversationOp", "KeyBundle",
            "DeviceCertificate", "PendingDevice", "MailboxItem", "BlobInfo", "SeenReceipt", "ErrorResponse",
        ]
        for name in wireTypes + Sample.all.map(\.schema) { #expect(schemas[name] != nil, "no schema \(name)") }
    }

    /// The catalog read every wire type the document names without a problem: each type reflects,
    /// no two types share a name, and every member refinement names a member the type codes.
    @Test func componentsDeriveWithoutProblems() {
        #expect(OpenAPIDocument.schemaProblems.isEmpty, "\(OpenAPIDocument.schemaProblems)")
    }

    /// Every derived component is checked against real values: some encoded sample reaches it, so
    /// ``schemaMatchesTheEncodedType(_:)`` holds the schema to what the Codable type writes.
    @Test func everyComponentIsCoveredByASample() throws {
        let document = try Self.document()
        let trace = ReferenceTrace()
        for sample in Sample.all {
            let schema = try #require(Self.resolve("#/components/schemas/\(sample.schema)", in: document))
            trace.names.insert(sample.schema)
            _ = Self.problems(try JSONSerialization.jsonObject(with: sample.full), schema, in: document, at: "", trace)
        }
        let uncovered = Set(try Self.schemas().keys).subtracting(trace.names)
        #expect(uncovered.isEmpty, "components no sample reaches: \(uncovered.sorted())")
    }

    /// The server names its failures only with `ErrorCode`s (the type of `ServerError.code`, which
    /// the store's errors convert to), so the document's enum of codes must hold every case; every
    /// code an operation's error responses name must be in it, and every code be named by some
    /// operation but those any route (or only the WebSocket) can answer.
    @Test func errorCodeEnumListsEveryCodeTheServerSends() throws {
        let errorResponse = try #require(try Self.schemas()["ErrorResponse"] as? [String: Any])
        let properties = try #require(errorResponse["properties"] as? [String: [String: Any]])
        let listed = Set(try #require(properties["code"]?["enum"] as? [String]))
        let thrown = Set(ErrorCode.allCases.map(\.rawValue))
        #expect(listed == thrown)

        var named: Set<String> = []
        let paths = try #require(try Self.document()["paths"] as? [String: [String: [String: Any]]])
        for item in paths.values {
            for operation in item.values {
                let responses = try #require(operation["responses"] as? [String: [String: Any]])
                for (status, response) in responses where status.hasPrefix("4") || status.hasPrefix("5") {
                    let description = try #require(response["description"] as? String)
                    named.formUnion(Self.errorCodes(in: description))
                }
            }
        }
        #expect(named.subtracting(listed).isEmpty, "named but not in the enum: \(named.subtracting(listed))")
        let anyRoute: Set = ["method_not_allowed", "conflict", "invalid_frame"]
        #expect(thrown.subtracting(named) == anyRoute)
    }

    /// A sample with every optional property set must fit the schema (no property the schema lacks),
    /// and one with none set must encode exactly the schema's `required` properties.
    @Test(arguments: Sample.all) func schemaMatchesTheEncodedType(_ sample: Sample) throws {
        let document = try Self.document()
        let schema = try #require(Self.resolve("#/components/schemas/\(sample.schema)", in: document))
        let full = try JSONSerialization.jsonObject(with: sample.full)
        let problems = Self.problems(full, schema, in: document, at: sample.schema)
        #expect(problems.isEmpty, "\(problems)")
        #expect(sample.roundTripped == sample.full, "decoding and encoding again changes \(sample.schema)")

        if let minimalData = sample.minimal {
            let minimal = try #require(try JSONSerialization.jsonObject(with: minimalData) as? [String: Any])
            let required = Set((schema["required"] as? [String]) ?? [])
            #expect(Set(minimal.keys) == required, "required list of \(sample.schema)")
            #expect(Self.problems(minimal, schema, in: document, at: sample.schema).isEmpty)
        }
    }
}

// MARK: - Helpers

extension OpenAPIDocumentTests {
    /// A (method, path) pair with OpenAPI's `{name}` parameters.
    struct Route: Hashable, CustomStringConvertible {
        var method: String
        var path: String

        init(method: String, path: String) {
            self.method = method
            self.path = path
        }

        /// Converts Hummingbird's `:name` segments to `{name}`.
        init(method: String, hummingbirdPath: String) {
            let segments = hummingbirdPath.split(separator: "/", omittingEmptySubsequences: false).map { segment in
                segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
            }
            self.init(method: method, path: segments.joined(separator: "/"))
        }

        var description: String { "\(method) \(path)" }
    }

    /// The document parsed back from the served text, so the tests see what clients see.
    static func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
    }

    static func schemas() throws -> [String: Any] {
        let components = try #require(try document()["components"] as? [String: Any])
        return try #require(components["schemas"] as? [String: Any])
    }

    /// Every `$ref`, and every discriminator mapping target, anywhere in `value`.
    static func collectReferences(in value: Any, into references: inout [String]) {
        if let object = value as? [String: Any] {
            for (key, member) in object {
                if key == "$ref", let reference = member as? String { references.append(reference) }
                if key == "mapping", let mapping = member as? [String: String] {
                    references.append(contentsOf: mapping.values)
                }
                collectReferences(in: member, into: &references)
            }
        } else if let array = value as? [Any] {
            for element in array { collectReferences(in: element, into: &references) }
        }
    }

    /// The components a validation passed through.
    final class ReferenceTrace {
        var names: Set<String> = []
    }

    /// The codes an error response's description names: each as `` `code`: `` at the start of a
    /// sentence.
    static func errorCodes(in description: String) -> Set<String> {
        let pattern = /(?:^|\. |: )`([a-z_]+)`:/
        return Set(description.matches(of: pattern).map { String($0.output.1) })
    }

    /// Follows a local JSON pointer (`#/components/...`) to an object.
    static func resolve(_ reference: String, in document: [String: Any]) -> [String: Any]? {
        guard reference.hasPrefix("#/") else { return nil }
        var current: Any = document
        for token in reference.dropFirst(2).split(separator: "/") {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let object = current as? [String: Any], let next = object[key] else { return nil }
            current = next
        }
        return current as? [String: Any]
    }

    /// What is wrong with `value` against `schema`: missing required properties, properties the
    /// schema does not list, wrong types, values outside an enum or const, no matching `oneOf`.
    /// `trace`, when given, collects the components passed through.
    static func problems(
        _ value: Any,
        _ schema: [String: Any],
        in document: [String: Any],
        at path: String,
        _ trace: ReferenceTrace? = nil
    ) -> [String] {
        if let reference = schema["$ref"] as? String {
            guard let target = resolve(reference, in: document) else { return ["\(path): unresolved \(reference)"] }
            trace?.names.insert(String(reference.split(separator: "/").last ?? ""))
            return problems(value, target, in: document, at: path, trace)
        }
        if let branches = schema["oneOf"] as? [[String: Any]] {
            let matching = branches.filter { problems(value, $0, in: document, at: path, trace).isEmpty }
            return matching.count == 1 ? [] : ["\(path): matches \(matching.count) of the oneOf branches"]
        }
        if let constant = schema["const"] {
            guard "\(constant)" == "\(value)" else { return ["\(path): \(value) is not \(constant)"] }
        }
        if let allowed = schema["enum"] as? [String] {
            guard let text = value as? String, allowed.contains(text) else { return ["\(path): \(value) not in enum"] }
        }
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { return ["\(path): not an object"] }
            let properties = (schema["properties"] as? [String: [String: Any]]) ?? [:]
            var found: [String] = []
            for name in (schema["required"] as? [String]) ?? [] where object[name] == nil {
                found.append("\(path): missing required \(name)")
            }
            for (name, member) in object {
                guard let property = properties[name] else {
                    found.append("\(path): \(name) is not in the schema")
                    continue
                }
                found += problems(member, property, in: document, at: "\(path).\(name)", trace)
            }
            return found
        case "array":
            guard let array = value as? [Any] else { return ["\(path): not an array"] }
            let items = (schema["items"] as? [String: Any]) ?? [:]
            return array.enumerated().flatMap { index, element in
                problems(element, items, in: document, at: "\(path)[\(index)]", trace)
            }
        case "string":
            return value is String ? [] : ["\(path): not a string"]
        case "integer":
            return !(value is String) && value as? Int != nil ? [] : ["\(path): not an integer"]
        case "boolean":
            return !(value is String) && value as? Bool != nil ? [] : ["\(path): not a boolean"]
        default:
            return []
        }
    }
}

// MARK: - Samples

extension OpenAPIDocumentTests {
    /// One wire type encoded by ``WireCoding``: with every optional property set, and (for
    /// structs) with none set.
    struct Sample: Sendable, CustomTestStringConvertible {
        var schema: String
        var full: Data
        var minimal: Data?
        /// ``full`` decoded as its type and encoded again.
        var roundTripped: Data?

        init<Value: Codable>(_ schema: String, _ full: Value, minimal: (any Encodable)? = nil) {
            let encoder = WireCoding.encoder()
            self.schema = schema
            self.full = (try? encoder.encode(full)) ?? Data()
            self.minimal = minimal.map { (try? encoder.encode($0)) ?? Data() }
            let decoded = try? WireCoding.decoder().decode(Value.self, from: self.full)
            self.roundTripped = decoded.flatMap { try? encoder.encode($0) }
        }

        /// A type without optional properties: the one sample is both the full and the minimal one.
        init(_ schema: String, fixed value: some Codable) {
            self.init(schema, value, minimal: value)
        }

        var testDescription: String { schema }

        static let date = Date(timeIntervalSince1970: 1_764_199_461.123)
        static let bytes = Bytes(Data([0xFB, 0xFF, 0x01]))
        static let user = User(
            id: "0193a1b2c3d4e5f60718293a4b5c6d7e",
            email: "ada@example.org",
            fullname: "Ada",
            bio: "",
            avatarBlobId: "0193a1b2c3d4e5f60718293a4b5c6d7f",
            createdAt: date,
            lastSeen: date
        )
        static let reaction = Reaction(
            id: "reaction-1",
            messageId: "message-1",
            userId: user.id,
            deviceId: "device-1",
            epoch: 2,
            envelope: bytes,
            createdAt: date
        )
        static let message = Message(
            id: "message-1",
            conversationId: "conversation-1",
            senderId: user.id,
            senderDeviceId: "device-1",
            epoch: 2,
            envelope: bytes,
            blobIds: ["blob"],
            createdAt: date,
            editedAt: date,
            editEnvelope: bytes,
            deleted: true,
            deletedAt: date,
            deletedBy: user.id,
            deleteEnvelope: bytes,
            reactions: [reaction],
            seenBy: [user.id]
        )
        static let minimalMessage = Message(
            id: "message-1",
            conversationId: "conversation-1",
            senderId: user.id,
            senderDeviceId: "device-1",
            epoch: 2,
            envelope: nil,
            blobIds: [],
            createdAt: date
        )
        static let sidebarUser = SidebarUser(
            id: user.id,
            fullname: "Ada",
            bio: "",
            avatarBlobId: "blob",
            online: true,
            lastSeen: date,
            unread: 2,
            conversationId: "conversation-1"
        )
        static let member = Member(userId: user.id, role: .admin, joinedAt: date, joinedSeq: 0)
        static func conversation(full: Bool) -> Conversation {
            Conversation(
                id: "conversation-1",
                isGroup: true,
                members: [member],
                admin: full ? user.id : nil,
                opSeq: 3,
                epoch: 3,
                epochStartedAt: date,
                epochEvents: 7,
                avatarBlobId: full ? "blob" : nil,
                createdAt: date,
                updatedAt: date,
                lastMessage: full ? message : nil,
                unread: 1
            )
        }
        static func op(role: MemberRole?) -> ConversationOp {
            ConversationOp(
                conversationId: "conversation-1",
                seq: 1,
                type: .setRole,
                authorId: user.id,
                authorDeviceId: "device-1",
                memberIds: [user.id],
                role: role,
                shareHistory: false,
                op: bytes,
                createdAt: date
            )
        }
        static let certificate = DeviceCertificate(deviceId: "device-1", cert: bytes, updatedAt: date)
        static let keys = KeyBundle(
            userId: user.id,
            aik: bytes,
            deviceListVersion: 1,
            deviceList: bytes,
            devices: [certificate],
            updatedAt: date
        )
        static let pending = PendingDevice(deviceId: "device-2", commitment: bytes, payload: bytes, createdAt: date)
        static let mailboxItem = MailboxItem(
            id: "item",
            deviceId: "device-2",
            fromDeviceId: "device-1",
            payload: bytes,
            createdAt: date
        )
        static let blob = BlobInfo(id: "blob", size: 4096, sha256: String(repeating: "ab", count: 32))
        static let receipt = SeenReceipt(
            conversationId: "conversation-1",
            userId: user.id,
            messageIds: ["message-1"],
            seenAt: date
        )
        static let presence = PresenceEntry(userId: user.id, online: false, lastSeen: date)
        static let eventData = EventData(
            conversationId: "conversation-1",
            messageId: "message-1",
            message: message,
            reaction: reaction,
            reactionId: "reaction-1",
            receipt: receipt,
            op: op(role: .member),
            userId: user.id,
            user: user,
            deviceId: "device-1",
            mailboxItemId: "item"
        )

        static let entities: [Sample] = [
            Sample(
                "User",
                user,
                minimal: User(
                    id: user.id,
                    email: user.email,
                    fullname: user.fullname,
                    bio: "",
                    avatarBlobId: nil,
                    createdAt: date,
                    lastSeen: nil
                )
            ),
            Sample(
                "SidebarUser",
                sidebarUser,
                minimal: SidebarUser(
                    id: user.id,
                    fullname: "Ada",
                    bio: "",
                    avatarBlobId: nil,
                    online: false,
                    lastSeen: nil,
                    unread: 0,
                    conversationId: nil
                )
            ),
            Sample("Message", message, minimal: minimalMessage),
            Sample("Reaction", fixed: reaction),
            Sample("Conversation", conversation(full: true), minimal: conversation(full: false)),
            Sample("Member", fixed: member),
            Sample("ConversationOp", op(role: .admin), minimal: op(role: nil)),
            Sample("KeyBundle", fixed: keys),
            Sample("DeviceCertificate", fixed: certificate),
            Sample("PendingDevice", fixed: pending),
            Sample("MailboxItem", fixed: mailboxItem),
            Sample("BlobInfo", fixed: blob),
            Sample("SeenReceipt", fixed: receipt),
            Sample("PresenceEntry", presence, minimal: PresenceEntry(userId: user.id, online: true, lastSeen: nil)),
            Sample("EventData", eventData, minimal: EventData()),
        ]

        static let requests: [Sample] = [
            Sample(
                "SignupRequest",
                SignupRequest(email: "ada@example.org", fullname: "Ada", password: "correct horse", bio: "hi"),
                minimal: SignupRequest(email: "ada@example.org", fullname: "Ada", password: "correct horse")
            ),
            Sample("LoginRequest", fixed: LoginRequest(email: "ada@example.org", password: "pw")),
            Sample(
                "UpdateProfileRequest",
                UpdateProfileRequest(fullname: "Ada", bio: "hi", avatarBlobId: "blob"),
                minimal: UpdateProfileRequest()
            ),
            Sample(
                "SendMessageRequest",
                SendMessageRequest(id: "message-1", deviceId: "device-1", epoch: 1, envelope: bytes, blobIds: ["b"]),
                minimal: SendMessageRequest(id: "message-1", deviceId: "device-1", epoch: 1, envelope: bytes)
            ),
            Sample("MarkSeenRequest", MarkSeenRequest(upTo: true), minimal: MarkSeenRequest()),
            Sample(
                "EventEnvelopeRequest",
                fixed: EventEnvelopeRequest(id: "event-1", deviceId: "device-1", epoch: 1, envelope: bytes)
            ),
            Sample(
                "CreateConversationRequest",
                CreateConversationRequest(
                    id: "conversation-1",
                    isGroup: true,
                    participants: [user.id],
                    deviceId: "device-1",
                    op: bytes,
                    avatarBlobId: "blob"
                ),
                minimal: CreateConversationRequest(
                    id: "conversation-1",
                    isGroup: false,
                    participants: [user.id],
                    deviceId: "device-1",
                    op: bytes
                )
            ),
            Sample(
                "AddMembersRequest",
                AddMembersRequest(
                    conversationId: "c",
                    memberIds: [user.id],
                    seq: 1,
                    deviceId: "d",
                    op: bytes,
                    shareHistory: true
                ),
                minimal: AddMembersRequest(conversationId: "c", memberIds: [user.id], seq: 1, deviceId: "d", op: bytes)
            ),
            Sample(
                "RemoveMemberRequest",
                fixed: RemoveMemberRequest(conversationId: "c", memberId: user.id, seq: 2, deviceId: "d", op: bytes)
            ),
            Sample(
                "UpdateInfoRequest",
                UpdateInfoRequest(conversationId: "c", seq: 3, deviceId: "d", op: bytes, avatarBlobId: "blob"),
                minimal: UpdateInfoRequest(conversationId: "c", seq: 3, deviceId: "d", op: bytes)
            ),
            Sample("DeleteConversationRequest", fixed: DeleteConversationRequest(conversationId: "c")),
            Sample(
                "AppendOpRequest",
                AppendOpRequest(seq: 4, type: .setRole, deviceId: "d", op: bytes, memberId: user.id, role: .admin),
                minimal: AppendOpRequest(seq: 4, type: .rekey, deviceId: "d", op: bytes)
            ),
            Sample("DeviceListRequest", fixed: DeviceListRequest(aik: bytes, version: 1, deviceList: bytes)),
            Sample("SealCertificateRequest", fixed: SealCertificateRequest(cert: bytes)),
            Sample(
                "PendingDeviceRequest",
                fixed: PendingDeviceRequest(deviceId: "d", commitment: bytes, payload: bytes)
            ),
            Sample("MailboxRequest", fixed: MailboxRequest(fromDeviceId: "d", payload: bytes)),
            Sample(
                "AssistantRequest",
                fixed: AssistantRequest(messages: [AssistantMessage(role: "user", content: "How do I add a member?")])
            ),
            Sample("AssistantMessage", fixed: AssistantMessage(role: "assistant", content: "Ask the admin.")),
        ]

        static let responses: [Sample] = [
            Sample("SuccessResponse", fixed: SuccessResponse()),
            Sample(
                "ErrorResponse",
                ErrorResponse(message: "Use the existing chat.", code: "conversation_exists", conversationId: "c"),
                minimal: ErrorResponse(message: "Sign in first.", code: "unauthorized")
            ),
            Sample(
                "HealthResponse", fixed: HealthResponse(status: "ok", version: ProtocolVersion.product, store: "sqlite")
            ),
            Sample("AuthResponse", fixed: AuthResponse(token: "jwt", user: user)),
            Sample("UserResponse", fixed: UserResponse(user: user)),
            Sample("UsersResponse", fixed: UsersResponse(users: [sidebarUser])),
            Sample("MessageResponse", fixed: MessageResponse(message: message)),
            Sample(
                "MessagesResponse",
                MessagesResponse(messages: [message, minimalMessage], nextBefore: "message-1"),
                minimal: MessagesResponse(messages: [])
            ),
            Sample("SeenResponse", fixed: SeenResponse(receipt: receipt)),
            Sample("ReactionResponse", fixed: ReactionResponse(reaction: reaction)),
            Sample(
                "ConversationResponse",
                ConversationResponse(conversation: conversation(full: true)),
                minimal: ConversationResponse(conversation: conversation(full: false))
            ),
            Sample(
                "ConversationsResponse",
                ConversationsResponse(conversations: [conversation(full: true), conversation(full: false)]),
                minimal: ConversationsResponse(conversations: [])
            ),
            Sample("OpsResponse", OpsResponse(ops: [op(role: nil), op(role: .admin)]), minimal: OpsResponse(ops: [])),
            Sample("KeyBundleResponse", fixed: KeyBundleResponse(keys: keys)),
            Sample(
                "PendingDevicesResponse",
                PendingDevicesResponse(devices: [pending]),
                minimal: PendingDevicesResponse(devices: [])
            ),
            Sample("MailboxResponse", MailboxResponse(items: [mailboxItem]), minimal: MailboxResponse(items: [])),
            Sample("BlobResponse", fixed: BlobResponse(blob: blob)),
        ]

        /// Enums with associated values: each case is checked against the `oneOf`.
        static let frames: [Sample] = [
            Sample("ClientFrame", ClientFrame.hello(cursor: 0, deviceId: "device-1")),
            Sample("ClientFrame", ClientFrame.ack(cursor: 12)),
            Sample("ClientFrame", ClientFrame.typing(conversationId: "c", typing: true)),
            Sample(
                "ServerFrame",
                ServerFrame.event(SyncEvent(seq: 12, type: .messageNew, createdAt: date, data: eventData))
            ),
            Sample("ServerFrame", ServerFrame.ready(cursor: 12)),
            Sample("ServerFrame", ServerFrame.resync(cursor: 40)),
            Sample("ServerFrame", ServerFrame.typing(conversationId: "c", userId: user.id, typing: false)),
            Sample("ServerFrame", ServerFrame.presence([presence])),
            Sample("ServerFrame", ServerFrame.error(code: "invalid_frame", message: "Expected a JSON hello.")),
        ]

        static let all = entities + requests + responses + frames
    }
}
