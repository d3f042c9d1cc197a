import DialogueProtocol

/// `components.schemas`: one schema per Codable type of `DialogueProtocol` that crosses the wire,
/// named as the Swift type and listing its properties as the synthesized coding writes them.
///
/// A test encodes samples of these types and checks them against the schemas, so a property
/// added to a type without its schema (or the reverse) fails the build's tests.
enum OpenAPISchemas {
    static let all: [String: JSONValue] = primitives.merging(entities) { first, _ in first }
        .merging(requests) { first, _ in first }
        .merging(responses) { first, _ in first }
        .merging(frames) { first, _ in first }

    // MARK: Primitives

    /// The encodings every type shares.
    static let primitives: [String: JSONValue] = [
        "Timestamp": [
            "type": "string",
            "format": "date-time",
            "description": .string(
                "RFC 3339 in UTC with milliseconds, e.g. `2026-11-26T23:24:21.123Z`. "
                    + "Input without fractional seconds is accepted."
            ),
            "examples": ["2026-11-26T23:24:21.123Z"],
        ],
        "Bytes": [
            "type": "string",
            "contentEncoding": "base64url",
            "pattern": "^[A-Za-z0-9_-]*$",
            "description": .string(
                "Opaque binary data (ciphertext, signature, public key) as base64url without padding "
                    + "(RFC 4648 §5). The server never interprets it; it only measures it."
            ),
        ],
        "ClientId": [
            "type": "string",
            "pattern": "^[A-Za-z0-9_-]{8,64}$",
            "description": .string(
                "An id the client generates (conversation, message, event and device ids): 8 to 64 "
                    + "characters of A-Z, a-z, 0-9, - and _. Retrying with the same id is idempotent."
            ),
        ],
        "ServerId": [
            "type": "string",
            "pattern": "^[0-9a-f]{32}$",
            "description": .string(
                "An id the server assigns (users, blobs, mailbox items): 48 bits of milliseconds then "
                    + "80 random bits, as 32 lowercase hex digits, so ids sort by creation time."
            ),
        ],
    ]

    // MARK: Entities

    static let entities: [String: JSONValue] = [
        "User": JSONSchema.object(
            "A user's public profile as every signed-in user may see it. Never carries a password hash.",
            required: [
                "id": JSONSchema.serverId(),
                "email": JSONSchema.string("Lowercased and trimmed at sign-up."),
                "fullname": JSONSchema.string(),
                "bio": JSONSchema.string("Empty when the user wrote none."),
                "createdAt": JSONSchema.timestamp(),
            ],
            optional: [
                "avatarBlobId": JSONSchema.serverId("The encrypted avatar blob, if the user uploaded one."),
                "lastSeen": JSONSchema.timestamp("When the user's last connection closed."),
            ]
        ),
        "SidebarUser": JSONSchema.object(
            "One row of the sidebar: a profile with presence and the caller's unread count in the direct chat.",
            required: [
                "id": JSONSchema.serverId(),
                "fullname": JSONSchema.string(),
                "bio": JSONSchema.string(),
                "online": JSONSchema.boolean("Whether the user has a WebSocket connection now."),
                "unread": JSONSchema.integer(
                    "Messages from this user in the direct conversation that the caller has not seen.",
                    minimum: 0
                ),
            ],
            optional: [
                "avatarBlobId": JSONSchema.serverId(),
                "lastSeen": JSONSchema.timestamp(),
                "conversationId": JSONSchema.clientId("The direct conversation with this user, if one exists."),
            ]
        ),
        "Message": JSONSchema.object(
            "A message as the server stores it: opaque signed envelopes plus the few fields the server may see "
                + "(sender, epoch, referenced blobs, times).",
            required: [
                "id": JSONSchema.clientId("The event id of the message event; retries reuse it."),
                "conversationId": JSONSchema.clientId(),
                "senderId": JSONSchema.serverId(),
                "senderDeviceId": JSONSchema.clientId(),
                "epoch": JSONSchema.integer("The conversation epoch the envelope is encrypted under.", minimum: 0),
                "blobIds": JSONSchema.array(
                    JSONSchema.serverId(),
                    "Encrypted attachment blobs the message references; empty once deleted."
                ),
                "createdAt": JSONSchema.timestamp("Server receive time: the start of the 15-minute edit window."),
                "deleted": JSONSchema.boolean(),
                "reactions": JSONSchema.array(JSONSchema.ref("Reaction"), "Empty once deleted."),
                "seenBy": JSONSchema.array(
                    JSONSchema.serverId(),
                    "Users other than the sender who have marked this message seen."
                ),
            ],
            optional: [
                "envelope": JSONSchema.bytes("The signed, encrypted event; absent once the message is deleted."),
                "editedAt": JSONSchema.timestamp(),
                "editEnvelope": JSONSchema.bytes("The latest signed edit event, if any."),
                "deletedAt": JSONSchema.timestamp(),
                "deletedBy": JSONSchema.serverId(),
                "deleteEnvelope": JSONSchema.bytes("The signed delete event, when the deleting client sent one."),
            ]
        ),
        "Reaction": JSONSchema.object(
            "One reaction event. The emoji and whether it toggles on or off are inside the envelope; clients fold "
                + "them last-writer-wins per (user, emoji).",
            required: [
                "id": JSONSchema.clientId(),
                "messageId": JSONSchema.clientId(),
                "userId": JSONSchema.serverId(),
                "deviceId": JSONSchema.clientId(),
                "epoch": JSONSchema.integer(minimum: 0),
                "envelope": JSONSchema.bytes(),
                "createdAt": JSONSchema.timestamp(),
            ]
        ),
        "Conversation": JSONSchema.object(
            "A direct chat or a group as the server knows it. Group names and avatar keys are encrypted inside "
                + "the op log; the server only holds the avatar blob's id.",
            required: [
                "id": JSONSchema.clientId(),
                "isGroup": JSONSchema.boolean(),
                "members": JSONSchema.array(JSONSchema.ref("Member")),
                "opSeq": JSONSchema.integer("Sequence number of the newest op.", minimum: 0),
                "epoch": JSONSchema.integer(
                    "Current epoch (the seq of the newest op that started one); events must carry it.",
                    minimum: 0
                ),
                "epochStartedAt": JSONSchema.timestamp(),
                "epochEvents": JSONSchema.integer(
                    "Events sent in the current epoch, for the rekey-every-1000-events policy.",
                    minimum: 0
                ),
                "createdAt": JSONSchema.timestamp(),
                "updatedAt": JSONSchema.timestamp(),
                "unread": JSONSchema.integer("Messages the caller has not seen.", minimum: 0),
            ],
            optional: [
                "admin": JSONSchema.serverId(
                    "The admin (groups only): the creator, then the longest-standing member when the admin leaves."
                ),
                "avatarBlobId": JSONSchema.serverId(),
                "lastMessage": JSONSchema.ref("Message"),
            ]
        ),
        "Member": JSONSchema.object(
            "One member of a conversation and when they joined (which decides the next admin).",
            required: [
                "userId": JSONSchema.serverId(),
                "role": JSONSchema.ref("MemberRole"),
                "joinedAt": JSONSchema.timestamp(),
                "joinedSeq": JSONSchema.integer(
                    "The op sequence number that added this member; breaks ties between equal join times.",
                    minimum: 0
                ),
            ]
        ),
        "MemberRole": JSONSchema.enumeration(MemberRole.self, "A member's role in a conversation."),
        "OpType": JSONSchema.enumeration(
            OpType.self,
            "The kinds of signed conversation operation. Every type except `leave` starts a new epoch."
        ),
        "ConversationOp": JSONSchema.object(
            "One entry of a conversation's operation log: the visible roster change the server applied, and the "
                + "signed op bytes that clients verify.",
            required: [
                "conversationId": JSONSchema.clientId(),
                "seq": JSONSchema.integer(
                    "Position in the log; `create` is 0 and each op is exactly one more than the previous.",
                    minimum: 0
                ),
                "type": JSONSchema.ref("OpType"),
                "authorId": JSONSchema.serverId(),
                "authorDeviceId": JSONSchema.clientId(),
                "memberIds": JSONSchema.array(
                    JSONSchema.serverId(),
                    "The members this op adds or removes, or whose role it sets."
                ),
                "shareHistory": JSONSchema.boolean(),
                "op": JSONSchema.bytes("The signed, canonical op; opaque to the server."),
                "createdAt": JSONSchema.timestamp(),
            ],
            optional: ["role": JSONSchema.ref("MemberRole")]
        ),
        "KeyBundle": JSONSchema.object(
            "Everything the key directory holds for one user. Clients verify it; the server cannot forge it.",
            required: [
                "userId": JSONSchema.serverId(),
                "aik": JSONSchema.bytes("The account identity public key (Ed25519, 32 bytes)."),
                "deviceListVersion": JSONSchema.integer(minimum: 1),
                "deviceList": JSONSchema.bytes("The device list signed by the account key."),
                "devices": JSONSchema.array(JSONSchema.ref("DeviceCertificate"), "Sorted by device id."),
                "updatedAt": JSONSchema.timestamp(),
            ]
        ),
        "DeviceCertificate": JSONSchema.object(
            "A device's current sealing-key certificate as stored in the directory.",
            required: [
                "deviceId": JSONSchema.clientId(),
                "cert": JSONSchema.bytes("Signed by the device key."),
                "updatedAt": JSONSchema.timestamp(),
            ]
        ),
        "PendingDevice": JSONSchema.object(
            "A device waiting to be linked: its HMAC commitment to the link secret, and its public keys.",
            required: [
                "deviceId": JSONSchema.clientId(),
                "commitment": JSONSchema.bytes(),
                "payload": JSONSchema.bytes(),
                "createdAt": JSONSchema.timestamp(),
            ]
        ),
        "MailboxItem": JSONSchema.object(
            "An opaque bundle one of a user's devices left for another (the HPKE link bundle).",
            required: [
                "id": JSONSchema.serverId(),
                "deviceId": JSONSchema.clientId("The device the bundle is for."),
                "fromDeviceId": JSONSchema.clientId(),
                "payload": JSONSchema.bytes(),
                "createdAt": JSONSchema.timestamp(),
            ]
        ),
        "BlobInfo": JSONSchema.object(
            "An uploaded encrypted blob.",
            required: [
                "id": JSONSchema.serverId(),
                "size": JSONSchema.integer("Bytes stored (clients pad before encrypting).", minimum: 1),
                "sha256": [
                    "type": "string", "pattern": "^[0-9a-f]{64}$",
                    "description": "SHA-256 of the stored bytes, lowercase hex.",
                ],
            ]
        ),
        "SeenReceipt": JSONSchema.object(
            "Which messages a user has now seen in one conversation.",
            required: [
                "conversationId": JSONSchema.clientId(),
                "userId": JSONSchema.serverId(),
                "messageIds": JSONSchema.array(JSONSchema.clientId(), "Only the messages this call newly marked."),
                "seenAt": JSONSchema.timestamp(),
            ]
        ),
        "PresenceEntry": JSONSchema.object(
            "Whether a user is connected now, and when they were last.",
            required: ["userId": JSONSchema.serverId(), "online": JSONSchema.boolean()],
            optional: ["lastSeen": JSONSchema.timestamp("Set when the user just went offline.")]
        ),
        "EventType": JSONSchema.enumeration(EventType.self, "The kinds of entry in a user's event log."),
        "EventData": JSONSchema.object(
            "The payload of a logged event; which properties are present depends on its type (see `GET /api/ws`). "
                + "Message events carry the message as it is now, so a deleted message arrives wiped.",
            required: [:],
            optional: [
                "conversationId": JSONSchema.clientId(),
                "messageId": JSONSchema.clientId("Present in replayed events; live ones carry `message` only."),
                "message": JSONSchema.ref("Message"),
                "reaction": JSONSchema.ref("Reaction"),
                "reactionId": JSONSchema.clientId("Present in replayed events; live ones carry `reaction` only."),
                "receipt": JSONSchema.ref("SeenReceipt"),
                "op": JSONSchema.ref("ConversationOp"),
                "userId": JSONSchema.serverId(),
                "user": JSONSchema.ref("User"),
                "deviceId": JSONSchema.clientId(),
                "mailboxItemId": JSONSchema.serverId(),
            ]
        ),
    ]

    // MARK: Request bodies

    static let requests: [String: JSONValue] = [
        "SignupRequest": JSONSchema.object(
            "`POST /api/auth/signup`.",
            required: [
                "email": JSONSchema.string("Trimmed and lowercased; must look like name@example.org (≤ 254 bytes)."),
                "fullname": JSONSchema.string("1 to 64 characters after trimming."),
                "password": JSONSchema.string("8 characters to 72 bytes (bcrypt's limit)."),
            ],
            optional: ["bio": JSONSchema.string("At most 500 characters.")]
        ),
        "LoginRequest": JSONSchema.object(
            "`POST /api/auth/login`.",
            required: ["email": JSONSchema.string("Compared trimmed and lowercased."), "password": JSONSchema.string()]
        ),
        "UpdateProfileRequest": JSONSchema.object(
            "`PUT /api/auth/update-profile`: absent properties stay as they are.",
            required: [:],
            optional: [
                "fullname": JSONSchema.string("1 to 64 characters after trimming."),
                "bio": JSONSchema.string("At most 500 characters."),
                "avatarBlobId": JSONSchema.serverId("A live blob the caller uploaded first through `POST /api/blobs`."),
            ]
        ),
        "SendMessageRequest": JSONSchema.object(
            "`POST /api/messages/send/{id}`.",
            required: [
                "id": JSONSchema.clientId(
                    "Sending again with the same id stores once and returns the same message."
                ),
                "deviceId": JSONSchema.clientId(),
                "epoch": JSONSchema.integer("Must equal the conversation's current epoch."),
                "envelope": JSONSchema.bytes("The signed, encrypted message event (at most 64 KiB by default)."),
            ],
            optional: [
                "blobIds": JSONSchema.array(
                    JSONSchema.serverId(),
                    "Live blobs the sender uploaded (at most 10 by default; duplicates count once)."
                )
            ]
        ),
        "MarkSeenRequest": JSONSchema.object(
            "`PUT /api/messages/mark/{id}`; the body may be left out entirely.",
            required: [:],
            optional: [
                "upTo": JSONSchema.boolean(
                    "Also mark every earlier message of the conversation (default `false`)."
                )
            ]
        ),
        "EventEnvelopeRequest": JSONSchema.object(
            "The body of an edit, a reaction, or (optionally) a delete: one signed event aimed at a message.",
            required: [
                "id": JSONSchema.clientId("Client-generated event id; a retry with the same id is stored once."),
                "deviceId": JSONSchema.clientId(),
                "epoch": JSONSchema.integer("Must equal the conversation's current epoch."),
                "envelope": JSONSchema.bytes("At most 64 KiB by default."),
            ]
        ),
        "CreateConversationRequest": JSONSchema.object(
            "`POST /api/conversations/create`: a direct chat (exactly one other participant) or a group. The "
                + "signed CREATE op (seq 0) names the same members.",
            required: [
                "id": JSONSchema.clientId("Client-generated conversation id (16 random bytes, hex or base64url)."),
                "isGroup": JSONSchema.boolean(),
                "participants": JSONSchema.array(
                    JSONSchema.serverId(),
                    "The other members (the caller is added as creator, and admin of a group)."
                ),
                "deviceId": JSONSchema.clientId(),
                "op": JSONSchema.bytes("The signed CREATE op (at most 1 MiB)."),
            ],
            optional: ["avatarBlobId": JSONSchema.serverId("A live blob the caller uploaded.")]
        ),
        "AddMembersRequest": JSONSchema.object(
            "`PUT /api/conversations/add-members` (group admin only).",
            required: [
                "conversationId": JSONSchema.clientId(),
                "memberIds": JSONSchema.array(JSONSchema.serverId(), "At least one user, none already a member."),
                "seq": JSONSchema.integer("The conversation's `opSeq` plus one."),
                "deviceId": JSONSchema.clientId(),
                "op": JSONSchema.bytes("The signed ADD op (at most 1 MiB)."),
            ],
            optional: [
                "shareHistory": JSONSchema.boolean(
                    "Whether the signed op shares earlier epochs with the new members (visible to everyone)."
                )
            ]
        ),
        "RemoveMemberRequest": JSONSchema.object(
            "`PUT /api/conversations/remove-member`: the admin removes someone, or a member names themselves to "
                + "leave.",
            required: [
                "conversationId": JSONSchema.clientId(),
                "memberId": JSONSchema.serverId("Another member (REMOVE, admin only) or the caller (LEAVE)."),
                "seq": JSONSchema.integer("The conversation's `opSeq` plus one."),
                "deviceId": JSONSchema.clientId(),
                "op": JSONSchema.bytes("The signed REMOVE or LEAVE op (at most 1 MiB)."),
            ]
        ),
        "UpdateInfoRequest": JSONSchema.object(
            "`PUT /api/conversations/update-info` (group admin only): the new name and avatar key travel "
                + "encrypted in the op (a REKEY carrying new metadata); the avatar blob id is visible.",
            required: [
                "conversationId": JSONSchema.clientId(),
                "seq": JSONSchema.integer("The conversation's `opSeq` plus one."),
                "deviceId": JSONSchema.clientId(),
                "op": JSONSchema.bytes("The signed REKEY op (at most 1 MiB)."),
            ],
            optional: ["avatarBlobId": JSONSchema.serverId("A live blob the caller uploaded.")]
        ),
        "DeleteConversationRequest": JSONSchema.object(
            "`DELETE /api/conversations/delete` (group admin only).",
            required: ["conversationId": JSONSchema.clientId()]
        ),
        "AppendOpRequest": JSONSchema.object(
            "`POST /api/conversations/{id}/ops`: the ops without a route of their own.",
            required: [
                "seq": JSONSchema.integer("The conversation's `opSeq` plus one."),
                "type": JSONSchema.ref("OpType", "Only `rekey` or `set_role`; the others have their own routes."),
                "deviceId": JSONSchema.clientId(),
                "op": JSONSchema.bytes("The signed op (at most 1 MiB)."),
            ],
            optional: [
                "memberId": JSONSchema.serverId("`set_role`: whose role changes."),
                "role": JSONSchema.ref("MemberRole", "`set_role`: the new role."),
            ]
        ),
        "DeviceListRequest": JSONSchema.object(
            "`PUT /api/keys/device-list`: the account key and a signed device list whose version is strictly "
                + "greater than the stored one.",
            required: [
                "aik": JSONSchema.bytes("The account identity public key (Ed25519): exactly 32 bytes."),
                "version": JSONSchema.integer(minimum: 1),
                "deviceList": JSONSchema.bytes("Signed by the account key; at most 64 KiB."),
            ]
        ),
        "SealCertificateRequest": JSONSchema.object(
            "`PUT /api/keys/devices/{deviceId}/seal`: a sealing-key certificate signed by the device key.",
            required: ["cert": JSONSchema.bytes("At most 64 KiB.")]
        ),
        "PendingDeviceRequest": JSONSchema.object(
            "`POST /api/keys/pending`: a new device announces itself to the account's other devices. Announcing "
                + "the same device again replaces the earlier announcement.",
            required: [
                "deviceId": JSONSchema.clientId(),
                "commitment": JSONSchema.bytes("The HMAC commitment to the link secret; at most 1 KiB."),
                "payload": JSONSchema.bytes("The device's public keys; at most 64 KiB."),
            ]
        ),
        "MailboxRequest": JSONSchema.object(
            "`POST /api/keys/mailbox/{deviceId}`.",
            required: [
                "fromDeviceId": JSONSchema.clientId(),
                "payload": JSONSchema.bytes("The HPKE link bundle; at most 4 MiB."),
            ]
        ),
    ]

    // MARK: Response bodies

    static let responses: [String: JSONValue] = [
        "SuccessResponse": JSONSchema.response(
            "`{success: true}` for calls whose effect is the answer.", required: [:]),
        "ErrorResponse": JSONSchema.object(
            "The body of every failed call. `code` is a stable snake_case word clients branch on; `message` is one "
                + "human sentence.",
            required: [
                "success": JSONSchema.constant(false),
                "message": JSONSchema.string(),
                "code": JSONSchema.string("e.g. `invalid_input`, `unauthorized`, `not_found`, `stale_epoch`."),
            ],
            optional: [
                "conversationId": JSONSchema.clientId(
                    "Set when the error points at an existing conversation (a second direct chat with the same "
                        + "person)."
                )
            ]
        ),
        "HealthResponse": JSONSchema.object(
            "`GET /api/health`.",
            required: [
                "status": JSONSchema.constant("ok"),
                "version": JSONSchema.string("The server's product version."),
                "store": JSONSchema.string("The storage engine, e.g. `sqlite`."),
            ]
        ),
        "AuthResponse": JSONSchema.response(
            "The answer to sign-up and login: a bearer token and the profile.",
            required: [
                "token": JSONSchema.string("A JWT (HS256) for the `token` header or `Authorization: Bearer`."),
                "user": JSONSchema.ref("User"),
            ]
        ),
        "UserResponse": JSONSchema.response("One profile.", required: ["user": JSONSchema.ref("User")]),
        "UsersResponse": JSONSchema.response(
            "Every other user, by name.",
            required: ["users": JSONSchema.array(JSONSchema.ref("SidebarUser"))]
        ),
        "MessageResponse": JSONSchema.response("One message.", required: ["message": JSONSchema.ref("Message")]),
        "MessagesResponse": JSONSchema.response(
            "Messages, oldest first.",
            required: ["messages": JSONSchema.array(JSONSchema.ref("Message"))],
            optional: [
                "nextBefore": JSONSchema.clientId(
                    "Pass as `before` to continue further back; absent when the page was not full."
                )
            ]
        ),
        "SeenResponse": JSONSchema.response(
            "The answer to a mark-seen call.",
            required: ["receipt": JSONSchema.ref("SeenReceipt")]
        ),
        "ReactionResponse": JSONSchema.response(
            "The stored reaction event.",
            required: ["reaction": JSONSchema.ref("Reaction")]
        ),
        "ConversationResponse": JSONSchema.response(
            "One conversation as the caller sees it.",
            required: ["conversation": JSONSchema.ref("Conversation")]
        ),
        "ConversationsResponse": JSONSchema.response(
            "The caller's conversations, newest activity first.",
            required: ["conversations": JSONSchema.array(JSONSchema.ref("Conversation"))]
        ),
        "OpsResponse": JSONSchema.response(
            "Ops in sequence order.",
            required: ["ops": JSONSchema.array(JSONSchema.ref("ConversationOp"))]
        ),
        "KeyBundleResponse": JSONSchema.response(
            "A user's published keys.",
            required: ["keys": JSONSchema.ref("KeyBundle")]
        ),
        "PendingDevicesResponse": JSONSchema.response(
            "Devices waiting to be linked, oldest first.",
            required: ["devices": JSONSchema.array(JSONSchema.ref("PendingDevice"))]
        ),
        "MailboxResponse": JSONSchema.response(
            "Mailbox items, oldest first.",
            required: ["items": JSONSchema.array(JSONSchema.ref("MailboxItem"))]
        ),
        "BlobResponse": JSONSchema.response("The stored blob.", required: ["blob": JSONSchema.ref("BlobInfo")]),
    ]

    // MARK: WebSocket frames

    /// The JSON text frames of `GET /api/ws`, one schema per `op`.
    static let frames: [String: JSONValue] = [
        "ClientFrame": JSONSchema.frames(
            "A JSON text frame a client sends on `GET /api/ws`.",
            ["hello": "HelloFrame", "ack": "AckFrame", "typing": "ClientTypingFrame"]
        ),
        "HelloFrame": JSONSchema.object(
            "Start (or resume) the stream after `cursor`; must be the first frame.",
            required: [
                "op": JSONSchema.constant("hello"),
                "cursor": JSONSchema.integer("The last event `seq` the client stored; 0 for a new device."),
                "deviceId": JSONSchema.clientId(),
            ]
        ),
        "AckFrame": JSONSchema.object(
            "The client has durably stored everything up to `cursor`.",
            required: ["op": JSONSchema.constant("ack"), "cursor": JSONSchema.integer()]
        ),
        "ClientTypingFrame": JSONSchema.object(
            "The user started or stopped typing; relayed to the conversation's other members only.",
            required: [
                "op": JSONSchema.constant("typing"),
                "conversationId": JSONSchema.clientId(),
                "typing": JSONSchema.boolean(),
            ]
        ),
        "ServerFrame": JSONSchema.frames(
            "A JSON text frame the server sends on `GET /api/ws`.",
            [
                "event": "EventFrame", "ready": "ReadyFrame", "resync": "ResyncFrame", "typing": "TypingFrame",
                "presence": "PresenceFrame", "error": "ErrorFrame",
            ]
        ),
        "EventFrame": JSONSchema.object(
            "A logged event, in sequence order, never twice on one connection.",
            required: [
                "op": JSONSchema.constant("event"),
                "seq": JSONSchema.integer("The user's event sequence number (no gaps).", minimum: 1),
                "type": JSONSchema.ref("EventType"),
                "createdAt": JSONSchema.timestamp(),
                "data": JSONSchema.ref("EventData"),
            ]
        ),
        "ReadyFrame": JSONSchema.object(
            "Replay is done; live events follow.",
            required: [
                "op": JSONSchema.constant("ready"),
                "cursor": JSONSchema.integer("The last sequence number sent."),
            ]
        ),
        "ResyncFrame": JSONSchema.object(
            "The client's cursor is older than the log keeps (or from elsewhere): refetch state over REST, then "
                + "continue from `cursor`.",
            required: ["op": JSONSchema.constant("resync"), "cursor": JSONSchema.integer()]
        ),
        "TypingFrame": JSONSchema.object(
            "Someone else started or stopped typing.",
            required: [
                "op": JSONSchema.constant("typing"),
                "conversationId": JSONSchema.clientId(),
                "userId": JSONSchema.serverId(),
                "typing": JSONSchema.boolean(),
            ]
        ),
        "PresenceFrame": JSONSchema.object(
            "A snapshot of who is online (right after `ready`) or a change of one user's presence.",
            required: [
                "op": JSONSchema.constant("presence"),
                "users": JSONSchema.array(JSONSchema.ref("PresenceEntry")),
            ]
        ),
        "ErrorFrame": JSONSchema.object(
            "The server refused a frame; the connection stays open.",
            required: [
                "op": JSONSchema.constant("error"),
                "code": JSONSchema.string("`invalid_frame` or `not_found`."),
                "message": JSONSchema.string(),
            ]
        ),
    ]
}
