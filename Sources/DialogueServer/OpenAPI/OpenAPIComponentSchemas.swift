import DialogueProtocol

/// `components.schemas`: one schema per Codable type of `DialogueProtocol` that crosses the wire,
/// named as the Swift type and listing its properties as the synthesized coding writes them.
///
/// A test encodes samples of these types and checks them against the schemas, so a property
/// added to a type without its schema (or the reverse) fails the build's tests.
enum OpenAPIComponentSchemas {
    static let all: [String: OpenAPIValue] = primitives.merging(entities) { first, _ in first }
        .merging(requests) { first, _ in first }
        .merging(assistant) { first, _ in first }
        .merging(responses) { first, _ in first }
        .merging(frames) { first, _ in first }

    // MARK: Primitives

    /// The encodings every type shares.
    static let primitives: [String: OpenAPIValue] = [
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

    static let entities: [String: OpenAPIValue] = [
        "User": OpenAPISchema.object(
            "A user's public profile as every signed-in user may see it. Never carries a password hash.",
            required: [
                "id": OpenAPISchema.serverId(),
                "email": OpenAPISchema.string("Lowercased and trimmed at sign-up."),
                "fullname": OpenAPISchema.string(),
                "bio": OpenAPISchema.string("Empty when the user wrote none."),
                "createdAt": OpenAPISchema.timestamp(),
            ],
            optional: [
                "avatarBlobId": OpenAPISchema.serverId("The encrypted avatar blob, if the user uploaded one."),
                "lastSeen": OpenAPISchema.timestamp("When the user's last connection closed."),
            ]
        ),
        "SidebarUser": OpenAPISchema.object(
            "One row of the sidebar: a profile with presence and the caller's unread count in the direct chat.",
            required: [
                "id": OpenAPISchema.serverId(),
                "fullname": OpenAPISchema.string(),
                "bio": OpenAPISchema.string(),
                "online": OpenAPISchema.boolean("Whether the user has a WebSocket connection now."),
                "unread": OpenAPISchema.integer(
                    "Messages from this user in the direct conversation that the caller has not seen.",
                    minimum: 0
                ),
            ],
            optional: [
                "avatarBlobId": OpenAPISchema.serverId(),
                "lastSeen": OpenAPISchema.timestamp(),
                "conversationId": OpenAPISchema.clientId("The direct conversation with this user, if one exists."),
            ]
        ),
        "Message": OpenAPISchema.object(
            "A message as the server stores it: opaque signed envelopes plus the few fields the server may see "
                + "(sender, epoch, referenced blobs, times).",
            required: [
                "id": OpenAPISchema.clientId("The event id of the message event; retries reuse it."),
                "conversationId": OpenAPISchema.clientId(),
                "senderId": OpenAPISchema.serverId(),
                "senderDeviceId": OpenAPISchema.clientId(),
                "epoch": OpenAPISchema.integer("The conversation epoch the envelope is encrypted under.", minimum: 0),
                "blobIds": OpenAPISchema.array(
                    OpenAPISchema.serverId(),
                    "Encrypted attachment blobs the message references; empty once deleted."
                ),
                "createdAt": OpenAPISchema.timestamp("Server receive time: the start of the 15-minute edit window."),
                "deleted": OpenAPISchema.boolean(),
                "reactions": OpenAPISchema.array(OpenAPISchema.ref("Reaction"), "Empty once deleted."),
                "seenBy": OpenAPISchema.array(
                    OpenAPISchema.serverId(),
                    "Users other than the sender who have marked this message seen."
                ),
            ],
            optional: [
                "envelope": OpenAPISchema.bytes("The signed, encrypted event; absent once the message is deleted."),
                "editedAt": OpenAPISchema.timestamp(),
                "editEnvelope": OpenAPISchema.bytes("The latest signed edit event, if any."),
                "deletedAt": OpenAPISchema.timestamp(),
                "deletedBy": OpenAPISchema.serverId(),
                "deleteEnvelope": OpenAPISchema.bytes("The signed delete event, when the deleting client sent one."),
            ]
        ),
        "Reaction": OpenAPISchema.object(
            "One reaction event. The emoji and whether it toggles on or off are inside the envelope; clients fold "
                + "them last-writer-wins per (user, emoji).",
            required: [
                "id": OpenAPISchema.clientId(),
                "messageId": OpenAPISchema.clientId(),
                "userId": OpenAPISchema.serverId(),
                "deviceId": OpenAPISchema.clientId(),
                "epoch": OpenAPISchema.integer(minimum: 0),
                "envelope": OpenAPISchema.bytes(),
                "createdAt": OpenAPISchema.timestamp(),
            ]
        ),
        "Conversation": OpenAPISchema.object(
            "A direct chat or a group as the server knows it. Group names and avatar keys are encrypted inside "
                + "the op log; the server only holds the avatar blob's id.",
            required: [
                "id": OpenAPISchema.clientId(),
                "isGroup": OpenAPISchema.boolean(),
                "members": OpenAPISchema.array(OpenAPISchema.ref("Member")),
                "opSeq": OpenAPISchema.integer("Sequence number of the newest op.", minimum: 0),
                "epoch": OpenAPISchema.integer(
                    "Current epoch (the seq of the newest op that started one); events must carry it.",
                    minimum: 0
                ),
                "epochStartedAt": OpenAPISchema.timestamp(),
                "epochEvents": OpenAPISchema.integer(
                    "Events sent in the current epoch, for the rekey-every-1000-events policy.",
                    minimum: 0
                ),
                "createdAt": OpenAPISchema.timestamp(),
                "updatedAt": OpenAPISchema.timestamp(),
                "unread": OpenAPISchema.integer("Messages the caller has not seen.", minimum: 0),
            ],
            optional: [
                "admin": OpenAPISchema.serverId(
                    "The admin (groups only): the creator, then the longest-standing member when the admin leaves."
                ),
                "avatarBlobId": OpenAPISchema.serverId(),
                "lastMessage": OpenAPISchema.ref("Message"),
            ]
        ),
        "Member": OpenAPISchema.object(
            "One member of a conversation and when they joined (which decides the next admin).",
            required: [
                "userId": OpenAPISchema.serverId(),
                "role": OpenAPISchema.ref("MemberRole"),
                "joinedAt": OpenAPISchema.timestamp(),
                "joinedSeq": OpenAPISchema.integer(
                    "The op sequence number that added this member; breaks ties between equal join times.",
                    minimum: 0
                ),
            ]
        ),
        "MemberRole": OpenAPISchema.enumeration(MemberRole.self, "A member's role in a conversation."),
        "OpType": OpenAPISchema.enumeration(
            OpType.self,
            "The kinds of signed conversation operation. Every type except `leave` starts a new epoch."
        ),
        "ConversationOp": OpenAPISchema.object(
            "One entry of a conversation's operation log: the visible roster change the server applied, and the "
                + "signed op bytes that clients verify.",
            required: [
                "conversationId": OpenAPISchema.clientId(),
                "seq": OpenAPISchema.integer(
                    "Position in the log; `create` is 0 and each op is exactly one more than the previous.",
                    minimum: 0
                ),
                "type": OpenAPISchema.ref("OpType"),
                "authorId": OpenAPISchema.serverId(),
                "authorDeviceId": OpenAPISchema.clientId(),
                "memberIds": OpenAPISchema.array(
                    OpenAPISchema.serverId(),
                    "The members this op adds or removes, or whose role it sets."
                ),
                "shareHistory": OpenAPISchema.boolean(),
                "op": OpenAPISchema.bytes("The signed, canonical op; opaque to the server."),
                "createdAt": OpenAPISchema.timestamp(),
            ],
            optional: ["role": OpenAPISchema.ref("MemberRole")]
        ),
        "KeyBundle": OpenAPISchema.object(
            "Everything the key directory holds for one user. Clients verify it; the server cannot forge it.",
            required: [
                "userId": OpenAPISchema.serverId(),
                "aik": OpenAPISchema.bytes("The account identity public key (Ed25519, 32 bytes)."),
                "deviceListVersion": OpenAPISchema.integer(minimum: 1),
                "deviceList": OpenAPISchema.bytes("The device list signed by the account key."),
                "devices": OpenAPISchema.array(OpenAPISchema.ref("DeviceCertificate"), "Sorted by device id."),
                "updatedAt": OpenAPISchema.timestamp(),
            ]
        ),
        "DeviceCertificate": OpenAPISchema.object(
            "A device's current sealing-key certificate as stored in the directory.",
            required: [
                "deviceId": OpenAPISchema.clientId(),
                "cert": OpenAPISchema.bytes("Signed by the device key."),
                "updatedAt": OpenAPISchema.timestamp(),
            ]
        ),
        "PendingDevice": OpenAPISchema.object(
            "A device waiting to be linked: its HMAC commitment to the link secret, and its public keys.",
            required: [
                "deviceId": OpenAPISchema.clientId(),
                "commitment": OpenAPISchema.bytes(),
                "payload": OpenAPISchema.bytes(),
                "createdAt": OpenAPISchema.timestamp(),
            ]
        ),
        "MailboxItem": OpenAPISchema.object(
            "An opaque bundle one of a user's devices left for another (the HPKE link bundle).",
            required: [
                "id": OpenAPISchema.serverId(),
                "deviceId": OpenAPISchema.clientId("The device the bundle is for."),
                "fromDeviceId": OpenAPISchema.clientId(),
                "payload": OpenAPISchema.bytes(),
                "createdAt": OpenAPISchema.timestamp(),
            ]
        ),
        "BlobInfo": OpenAPISchema.object(
            "An uploaded encrypted blob.",
            required: [
                "id": OpenAPISchema.serverId(),
                "size": OpenAPISchema.integer("Bytes stored (clients pad before encrypting).", minimum: 1),
                "sha256": [
                    "type": "string", "pattern": "^[0-9a-f]{64}$",
                    "description": "SHA-256 of the stored bytes, lowercase hex.",
                ],
            ]
        ),
        "SeenReceipt": OpenAPISchema.object(
            "Which messages a user has now seen in one conversation.",
            required: [
                "conversationId": OpenAPISchema.clientId(),
                "userId": OpenAPISchema.serverId(),
                "messageIds": OpenAPISchema.array(
                    OpenAPISchema.clientId(), "Only the messages this call newly marked."),
                "seenAt": OpenAPISchema.timestamp(),
            ]
        ),
        "PresenceEntry": OpenAPISchema.object(
            "Whether a user is connected now, and when they were last.",
            required: ["userId": OpenAPISchema.serverId(), "online": OpenAPISchema.boolean()],
            optional: ["lastSeen": OpenAPISchema.timestamp("Set when the user just went offline.")]
        ),
        "EventType": OpenAPISchema.enumeration(EventType.self, "The kinds of entry in a user's event log."),
        "EventData": OpenAPISchema.object(
            "The payload of a logged event; which properties are present depends on its type (see `GET /api/ws`). "
                + "Message events carry the message as it is now, so a deleted message arrives wiped.",
            required: [:],
            optional: [
                "conversationId": OpenAPISchema.clientId(),
                "messageId": OpenAPISchema.clientId("Present in replayed events; live ones carry `message` only."),
                "message": OpenAPISchema.ref("Message"),
                "reaction": OpenAPISchema.ref("Reaction"),
                "reactionId": OpenAPISchema.clientId("Present in replayed events; live ones carry `reaction` only."),
                "receipt": OpenAPISchema.ref("SeenReceipt"),
                "op": OpenAPISchema.ref("ConversationOp"),
                "userId": OpenAPISchema.serverId(),
                "user": OpenAPISchema.ref("User"),
                "deviceId": OpenAPISchema.clientId(),
                "mailboxItemId": OpenAPISchema.serverId(),
            ]
        ),
    ]

    // MARK: Request bodies

    static let requests: [String: OpenAPIValue] = [
        "SignupRequest": OpenAPISchema.object(
            "`POST /api/auth/signup`.",
            required: [
                "email": OpenAPISchema.string("Trimmed and lowercased; must look like name@example.org (≤ 254 bytes)."),
                "fullname": OpenAPISchema.string("1 to 64 characters after trimming."),
                "password": OpenAPISchema.string("8 characters to 72 bytes (bcrypt's limit)."),
            ],
            optional: ["bio": OpenAPISchema.string("At most 500 characters.")]
        ),
        "LoginRequest": OpenAPISchema.object(
            "`POST /api/auth/login`.",
            required: [
                "email": OpenAPISchema.string("Compared trimmed and lowercased."), "password": OpenAPISchema.string(),
            ]
        ),
        "UpdateProfileRequest": OpenAPISchema.object(
            "`PUT /api/auth/update-profile`: absent properties stay as they are.",
            required: [:],
            optional: [
                "fullname": OpenAPISchema.string("1 to 64 characters after trimming."),
                "bio": OpenAPISchema.string("At most 500 characters."),
                "avatarBlobId": OpenAPISchema.serverId(
                    "A live blob the caller uploaded first through `POST /api/blobs`."),
            ]
        ),
        "SendMessageRequest": OpenAPISchema.object(
            "`POST /api/messages/send/{id}`.",
            required: [
                "id": OpenAPISchema.clientId(
                    "Sending again with the same id stores once and returns the same message."
                ),
                "deviceId": OpenAPISchema.clientId(),
                "epoch": OpenAPISchema.integer("Must equal the conversation's current epoch."),
                "envelope": OpenAPISchema.bytes("The signed, encrypted message event (at most 64 KiB by default)."),
            ],
            optional: [
                "blobIds": OpenAPISchema.array(
                    OpenAPISchema.serverId(),
                    "Live blobs the sender uploaded (at most 10 by default; duplicates count once)."
                )
            ]
        ),
        "MarkSeenRequest": OpenAPISchema.object(
            "`PUT /api/messages/mark/{id}`; the body may be left out entirely.",
            required: [:],
            optional: [
                "upTo": OpenAPISchema.boolean(
                    "Also mark every earlier message of the conversation (default `false`)."
                )
            ]
        ),
        "EventEnvelopeRequest": OpenAPISchema.object(
            "The body of an edit, a reaction, or (optionally) a delete: one signed event aimed at a message.",
            required: [
                "id": OpenAPISchema.clientId("Client-generated event id; a retry with the same id is stored once."),
                "deviceId": OpenAPISchema.clientId(),
                "epoch": OpenAPISchema.integer("Must equal the conversation's current epoch."),
                "envelope": OpenAPISchema.bytes("At most 64 KiB by default."),
            ]
        ),
        "CreateConversationRequest": OpenAPISchema.object(
            "`POST /api/conversations/create`: a direct chat (exactly one other participant) or a group. The "
                + "signed CREATE op (seq 0) names the same members.",
            required: [
                "id": OpenAPISchema.clientId("Client-generated conversation id (16 random bytes, hex or base64url)."),
                "isGroup": OpenAPISchema.boolean(),
                "participants": OpenAPISchema.array(
                    OpenAPISchema.serverId(),
                    "The other members (the caller is added as creator, and admin of a group)."
                ),
                "deviceId": OpenAPISchema.clientId(),
                "op": OpenAPISchema.bytes("The signed CREATE op (at most 1 MiB)."),
            ],
            optional: ["avatarBlobId": OpenAPISchema.serverId("A live blob the caller uploaded.")]
        ),
        "AddMembersRequest": OpenAPISchema.object(
            "`PUT /api/conversations/add-members` (group admin only).",
            required: [
                "conversationId": OpenAPISchema.clientId(),
                "memberIds": OpenAPISchema.array(OpenAPISchema.serverId(), "At least one user, none already a member."),
                "seq": OpenAPISchema.integer("The conversation's `opSeq` plus one."),
                "deviceId": OpenAPISchema.clientId(),
                "op": OpenAPISchema.bytes("The signed ADD op (at most 1 MiB)."),
            ],
            optional: [
                "shareHistory": OpenAPISchema.boolean(
                    "Whether the signed op shares earlier epochs with the new members (visible to everyone)."
                )
            ]
        ),
        "RemoveMemberRequest": OpenAPISchema.object(
            "`PUT /api/conversations/remove-member`: the admin removes someone, or a member names themselves to "
                + "leave.",
            required: [
                "conversationId": OpenAPISchema.clientId(),
                "memberId": OpenAPISchema.serverId("Another member (REMOVE, admin only) or the caller (LEAVE)."),
                "seq": OpenAPISchema.integer("The conversation's `opSeq` plus one."),
                "deviceId": OpenAPISchema.clientId(),
                "op": OpenAPISchema.bytes("The signed REMOVE or LEAVE op (at most 1 MiB)."),
            ]
        ),
        "UpdateInfoRequest": OpenAPISchema.object(
            "`PUT /api/conversations/update-info` (group admin only): the new name and avatar key travel "
                + "encrypted in the op (a REKEY carrying new metadata); the avatar blob id is visible.",
            required: [
                "conversationId": OpenAPISchema.clientId(),
                "seq": OpenAPISchema.integer("The conversation's `opSeq` plus one."),
                "deviceId": OpenAPISchema.clientId(),
                "op": OpenAPISchema.bytes("The signed REKEY op (at most 1 MiB)."),
            ],
            optional: ["avatarBlobId": OpenAPISchema.serverId("A live blob the caller uploaded.")]
        ),
        "DeleteConversationRequest": OpenAPISchema.object(
            "`DELETE /api/conversations/delete` (group admin only).",
            required: ["conversationId": OpenAPISchema.clientId()]
        ),
        "AppendOpRequest": OpenAPISchema.object(
            "`POST /api/conversations/{id}/ops`: the ops without a route of their own.",
            required: [
                "seq": OpenAPISchema.integer("The conversation's `opSeq` plus one."),
                "type": OpenAPISchema.ref("OpType", "Only `rekey` or `set_role`; the others have their own routes."),
                "deviceId": OpenAPISchema.clientId(),
                "op": OpenAPISchema.bytes("The signed op (at most 1 MiB)."),
            ],
            optional: [
                "memberId": OpenAPISchema.serverId("`set_role`: whose role changes."),
                "role": OpenAPISchema.ref("MemberRole", "`set_role`: the new role."),
            ]
        ),
        "DeviceListRequest": OpenAPISchema.object(
            "`PUT /api/keys/device-list`: the account key and a signed device list whose version is strictly "
                + "greater than the stored one.",
            required: [
                "aik": OpenAPISchema.bytes("The account identity public key (Ed25519): exactly 32 bytes."),
                "version": OpenAPISchema.integer(minimum: 1),
                "deviceList": OpenAPISchema.bytes("Signed by the account key; at most 64 KiB."),
            ]
        ),
        "SealCertificateRequest": OpenAPISchema.object(
            "`PUT /api/keys/devices/{deviceId}/seal`: a sealing-key certificate signed by the device key.",
            required: ["cert": OpenAPISchema.bytes("At most 64 KiB.")]
        ),
        "PendingDeviceRequest": OpenAPISchema.object(
            "`POST /api/keys/pending`: a new device announces itself to the account's other devices. Announcing "
                + "the same device again replaces the earlier announcement.",
            required: [
                "deviceId": OpenAPISchema.clientId(),
                "commitment": OpenAPISchema.bytes("The HMAC commitment to the link secret; at most 1 KiB."),
                "payload": OpenAPISchema.bytes("The device's public keys; at most 64 KiB."),
            ]
        ),
        "MailboxRequest": OpenAPISchema.object(
            "`POST /api/keys/mailbox/{deviceId}`.",
            required: [
                "fromDeviceId": OpenAPISchema.clientId(),
                "payload": OpenAPISchema.bytes("The HPKE link bundle; at most 4 MiB."),
            ]
        ),
    ]

    /// The AI assistant's request; its answer is plain text.
    static let assistant: [String: OpenAPIValue] = [
        "AssistantRequest": OpenAPISchema.object(
            "`POST /api/auth/chatbot`: the conversation so far, oldest first, ending with the user's question.",
            required: ["messages": OpenAPISchema.array(OpenAPISchema.ref("AssistantMessage"), "At most 50 by default.")]
        ),
        "AssistantMessage": OpenAPISchema.object(
            "One turn, in the OpenAI chat-completions shape; the server adds its own system prompt.",
            required: [
                "role": [
                    "type": "string", "enum": ["user", "assistant"],
                    "description": "A plain string in Swift; the server accepts only these two.",
                ],
                "content": OpenAPISchema.string("At most 16000 characters by default."),
            ]
        ),
    ]

    // MARK: Response bodies

    static let responses: [String: OpenAPIValue] = [
        "SuccessResponse": OpenAPISchema.response(
            "`{success: true}` for calls whose effect is the answer.", required: [:]),
        "ErrorResponse": OpenAPISchema.object(
            "The body of every failed call. `code` is a stable snake_case word clients branch on; `message` is one "
                + "human sentence.",
            required: [
                "success": OpenAPISchema.constant(false),
                "message": OpenAPISchema.string(),
                "code": OpenAPISchema.string("e.g. `invalid_input`, `unauthorized`, `not_found`, `stale_epoch`."),
            ],
            optional: [
                "conversationId": OpenAPISchema.clientId(
                    "Set when the error points at an existing conversation (a second direct chat with the same "
                        + "person)."
                )
            ]
        ),
        "HealthResponse": OpenAPISchema.object(
            "`GET /api/health`.",
            required: [
                "status": OpenAPISchema.constant("ok"),
                "version": OpenAPISchema.string("The server's product version."),
                "store": OpenAPISchema.string("The storage engine, e.g. `sqlite`."),
            ]
        ),
        "AuthResponse": OpenAPISchema.response(
            "The answer to sign-up and login: a bearer token and the profile.",
            required: [
                "token": OpenAPISchema.string("A JWT (HS256) for the `token` header or `Authorization: Bearer`."),
                "user": OpenAPISchema.ref("User"),
            ]
        ),
        "UserResponse": OpenAPISchema.response("One profile.", required: ["user": OpenAPISchema.ref("User")]),
        "UsersResponse": OpenAPISchema.response(
            "Every other user, by name.",
            required: ["users": OpenAPISchema.array(OpenAPISchema.ref("SidebarUser"))]
        ),
        "MessageResponse": OpenAPISchema.response("One message.", required: ["message": OpenAPISchema.ref("Message")]),
        "MessagesResponse": OpenAPISchema.response(
            "Messages, oldest first.",
            required: ["messages": OpenAPISchema.array(OpenAPISchema.ref("Message"))],
            optional: [
                "nextBefore": OpenAPISchema.clientId(
                    "Pass as `before` to continue further back; absent when the page was not full."
                )
            ]
        ),
        "SeenResponse": OpenAPISchema.response(
            "The answer to a mark-seen call.",
            required: ["receipt": OpenAPISchema.ref("SeenReceipt")]
        ),
        "ReactionResponse": OpenAPISchema.response(
            "The stored reaction event.",
            required: ["reaction": OpenAPISchema.ref("Reaction")]
        ),
        "ConversationResponse": OpenAPISchema.response(
            "One conversation as the caller sees it.",
            required: ["conversation": OpenAPISchema.ref("Conversation")]
        ),
        "ConversationsResponse": OpenAPISchema.response(
            "The caller's conversations, newest activity first.",
            required: ["conversations": OpenAPISchema.array(OpenAPISchema.ref("Conversation"))]
        ),
        "OpsResponse": OpenAPISchema.response(
            "Ops in sequence order.",
            required: ["ops": OpenAPISchema.array(OpenAPISchema.ref("ConversationOp"))]
        ),
        "KeyBundleResponse": OpenAPISchema.response(
            "A user's published keys.",
            required: ["keys": OpenAPISchema.ref("KeyBundle")]
        ),
        "PendingDevicesResponse": OpenAPISchema.response(
            "Devices waiting to be linked, oldest first.",
            required: ["devices": OpenAPISchema.array(OpenAPISchema.ref("PendingDevice"))]
        ),
        "MailboxResponse": OpenAPISchema.response(
            "Mailbox items, oldest first.",
            required: ["items": OpenAPISchema.array(OpenAPISchema.ref("MailboxItem"))]
        ),
        "BlobResponse": OpenAPISchema.response("The stored blob.", required: ["blob": OpenAPISchema.ref("BlobInfo")]),
    ]

    // MARK: WebSocket frames

    /// The JSON text frames of `GET /api/ws`, one schema per `op`.
    static let frames: [String: OpenAPIValue] = [
        "ClientFrame": OpenAPISchema.frames(
            "A JSON text frame a client sends on `GET /api/ws`.",
            ["hello": "HelloFrame", "ack": "AckFrame", "typing": "ClientTypingFrame"]
        ),
        "HelloFrame": OpenAPISchema.object(
            "Start (or resume) the stream after `cursor`; must be the first frame.",
            required: [
                "op": OpenAPISchema.constant("hello"),
                "cursor": OpenAPISchema.integer("The last event `seq` the client stored; 0 for a new device."),
                "deviceId": OpenAPISchema.clientId(),
            ]
        ),
        "AckFrame": OpenAPISchema.object(
            "The client has durably stored everything up to `cursor`.",
            required: ["op": OpenAPISchema.constant("ack"), "cursor": OpenAPISchema.integer()]
        ),
        "ClientTypingFrame": OpenAPISchema.object(
            "The user started or stopped typing; relayed to the conversation's other members only.",
            required: [
                "op": OpenAPISchema.constant("typing"),
                "conversationId": OpenAPISchema.clientId(),
                "typing": OpenAPISchema.boolean(),
            ]
        ),
        "ServerFrame": OpenAPISchema.frames(
            "A JSON text frame the server sends on `GET /api/ws`.",
            [
                "event": "EventFrame", "ready": "ReadyFrame", "resync": "ResyncFrame", "typing": "TypingFrame",
                "presence": "PresenceFrame", "error": "ErrorFrame",
            ]
        ),
        "EventFrame": OpenAPISchema.object(
            "A logged event, in sequence order, never twice on one connection.",
            required: [
                "op": OpenAPISchema.constant("event"),
                "seq": OpenAPISchema.integer("The user's event sequence number (no gaps).", minimum: 1),
                "type": OpenAPISchema.ref("EventType"),
                "createdAt": OpenAPISchema.timestamp(),
                "data": OpenAPISchema.ref("EventData"),
            ]
        ),
        "ReadyFrame": OpenAPISchema.object(
            "Replay is done; live events follow.",
            required: [
                "op": OpenAPISchema.constant("ready"),
                "cursor": OpenAPISchema.integer("The last sequence number sent."),
            ]
        ),
        "ResyncFrame": OpenAPISchema.object(
            "The client's cursor is older than the log keeps (or from elsewhere): refetch state over REST, then "
                + "continue from `cursor`.",
            required: ["op": OpenAPISchema.constant("resync"), "cursor": OpenAPISchema.integer()]
        ),
        "TypingFrame": OpenAPISchema.object(
            "Someone else started or stopped typing.",
            required: [
                "op": OpenAPISchema.constant("typing"),
                "conversationId": OpenAPISchema.clientId(),
                "userId": OpenAPISchema.serverId(),
                "typing": OpenAPISchema.boolean(),
            ]
        ),
        "PresenceFrame": OpenAPISchema.object(
            "A snapshot of who is online (right after `ready`) or a change of one user's presence.",
            required: [
                "op": OpenAPISchema.constant("presence"),
                "users": OpenAPISchema.array(OpenAPISchema.ref("PresenceEntry")),
            ]
        ),
        "ErrorFrame": OpenAPISchema.object(
            "The server refused a frame; the connection stays open.",
            required: [
                "op": OpenAPISchema.constant("error"),
                "code": OpenAPISchema.string("`invalid_frame` or `not_found`."),
                "message": OpenAPISchema.string(),
            ]
        ),
    ]
}
