import DialogueProtocol

extension OpenAPIDocument {
    /// Every route `ServerApplication.makeRouter` registers, in the order the controllers add them.
    /// A test compares this table with the router's route table in both directions.
    static let operations: [OpenAPIOperation] = meta + auth + assistant + messages + conversations + keys + blobs + sync

    // MARK: Shared texts

    /// The 400 every JSON body can cause before any rule of the operation runs.
    private static let badInput =
        "`invalid_input`: the body is empty, not JSON, or a property is missing, null or of the wrong type "
        + "(the message names it)"
    private static let badBody = badInput + "."
    /// ``badBody`` for the operations that also check client ids and byte properties.
    private static let badBodyOrIds =
        badInput + "; or an id is not 8 to 64 of `[A-Za-z0-9_-]`, or a byte property is empty."
    private static let notMember = "`not_found`: no such conversation, or the caller is not a member."
    private static let staleEpoch =
        "`stale_epoch`: `epoch` is not the conversation's current one; fetch its ops, re-encrypt and send again."
    private static let seqConflict =
        "`seq_conflict`: `seq` is not the conversation's `opSeq` plus one; fetch the ops and retry."
    private static let blobGone = "`blob_deleted`: a referenced blob was deleted with its message or conversation."
    private static let opTooLarge = "`payload_too_large`: the body is over the server's limit, or `op` is over 1 MiB."

    private static let conversationId = OpenAPIOperation.Parameter.path("id", "The conversation's id.")
    private static let messageId = OpenAPIOperation.Parameter.path("id", "The message's id.")
    private static let deviceId = OpenAPIOperation.Parameter.path("deviceId", "One of the caller's devices.")

    // MARK: Routes

    private static let meta: [OpenAPIOperation] = [
        .init(
            "get",
            "/api/health",
            id: "health",
            summary: "Liveness and version",
            description: "For load balancers; needs no token.",
            authenticated: false,
            success: .json(status: 200, schema: HealthResponse.self, description: "The server is up.")
        ),
        .init(
            "get",
            "/api/openapi.json",
            id: "openAPIDocument",
            summary: "This document",
            authenticated: false,
            success: .anyJSON("The OpenAPI 3.1 description of the REST API.")
        ),
    ]

    private static let auth: [OpenAPIOperation] = [
        .init(
            "post",
            "/api/auth/signup",
            id: "signup",
            summary: "Create an account (rate limited)",
            description: "Sign-up and login share a budget of attempts per IP address and window (10 per 15 "
                + "minutes by default), successful or not.",
            authenticated: false,
            body: .json(SignupRequest.self),
            success: .json(status: 201, schema: AuthResponse.self, description: "The account, and a token for it."),
            errors: [
                400: badBody
                    + " Or `email` does not look like name@example.org, `password` is under 8 characters or over "
                    + "72 bytes, `fullname` is not 1 to 64 characters, or `bio` is over 500 characters.",
                409: "`email_taken`: an account with this e-mail already exists; log in instead.",
                429: "`rate_limited`: too many attempts from this address; wait `Retry-After` seconds.",
            ]
        ),
        .init(
            "post",
            "/api/auth/login",
            id: "login",
            summary: "Log in (rate limited)",
            description: "Shares the sign-up budget of attempts per IP address. Takes as long for an unknown "
                + "e-mail as for a wrong password.",
            authenticated: false,
            body: .json(LoginRequest.self),
            success: .json(status: 200, schema: AuthResponse.self, description: "A new token and the profile."),
            errors: [
                400: badBody,
                401: "`invalid_credentials`: the e-mail or the password is wrong.",
                429: "`rate_limited`: too many attempts from this address; wait `Retry-After` seconds.",
            ]
        ),
        .init(
            "get",
            "/api/auth/check",
            id: "checkToken",
            summary: "Validate the token and return the profile",
            success: .json(status: 200, schema: UserResponse.self, description: "The caller's profile.")
        ),
        .init(
            "put",
            "/api/auth/update-profile",
            id: "updateProfile",
            summary: "Change name, bio or avatar",
            description: "Absent properties stay as they are. Every user gets a `user.updated` event.",
            body: .json(UpdateProfileRequest.self),
            success: .json(status: 200, schema: UserResponse.self, description: "The updated profile."),
            errors: [
                400: badBody + " Or `fullname` is not 1 to 64 characters, or `bio` is over 500 characters.",
                404: "`not_found`: `avatarBlobId` does not exist or was uploaded by someone else.",
                410: "`blob_deleted`: `avatarBlobId` was deleted.",
            ]
        ),
    ]

    /// The assistant sits under `/api/auth` like the original's chatbot route.
    private static let assistant: [OpenAPIOperation] = [
        .init(
            "post",
            "/api/auth/chatbot",
            id: "askAssistant",
            summary: "Ask the AI assistant (streamed plain text)",
            description: "Proxies the conversation to the OpenAI-compatible provider configured on the server and "
                + "streams the answer back as it arrives. Questions leave end-to-end encryption: the provider "
                + "reads them. Limited per user (20 questions a minute by default). A provider failure after the "
                + "answer started ends the stream early instead of answering an error.",
            body: .json(AssistantRequest.self),
            success: .textStream("The answer, in chunks (`Cache-Control: no-cache`)."),
            errors: [
                400: badBody
                    + " Or `messages` is empty or longer than allowed (50 by default), a `role` is not `user` or "
                    + "`assistant`, a `content` is too long (16000 characters by default), or the last message "
                    + "is not the user's.",
                429: "`rate_limited`: the caller asks too fast, or the provider is busy; wait `Retry-After` "
                    + "seconds.",
                502: "`assistant_auth_failed`: the provider refused the server's API key. `assistant_rejected`: "
                    + "the provider refused the request. `assistant_unavailable`: the provider failed.",
                503: "`assistant_not_configured`: the server has no assistant configured.",
                504: "`assistant_unreachable`: the provider could not be reached.",
            ]
        )
    ]

    private static let messages: [OpenAPIOperation] = [
        .init(
            "get",
            "/api/messages/users",
            id: "listUsers",
            summary: "Sidebar: users with presence and unread counts",
            description: "Every user except the caller, by name; with `email`, only the user with that address "
                + "(none when nobody has it). Addresses are never listed.",
            parameters: [
                .query(
                    "email", "An exact e-mail address (any case) to look one person up by.",
                    schema: ["type": "string"])
            ],
            success: .json(status: 200, schema: UsersResponse.self, description: "The other users."),
            errors: [400: "`invalid_input`: `email` is not an e-mail address."]
        ),
        .init(
            "get",
            "/api/messages/recent",
            id: "recentMessages",
            summary: "The newest 1000 messages across the caller's conversations",
            description: "Deleted messages and messages from before the caller joined are left out; oldest first. "
                + "`nextBefore` is never set.",
            success: .json(status: 200, schema: MessagesResponse.self, description: "Up to 1000 messages.")
        ),
        .init(
            "get",
            "/api/messages/{id}",
            id: "messageHistory",
            summary: "A page of a conversation's history",
            description: "The newest `limit` messages before `before` (or the newest overall), oldest first, "
                + "deleted ones included (wiped). Continue with `before=nextBefore` while it is set.",
            parameters: [
                conversationId,
                .query(
                    "before",
                    "A message id of this conversation; only older messages are returned.",
                    schema: .schema(WireSchema.clientId)
                ),
                .query(
                    "limit",
                    "Page size.",
                    schema: ["type": "integer", "minimum": 1, "maximum": 200, "default": 50]
                ),
            ],
            success: .json(status: 200, schema: MessagesResponse.self, description: "One page, oldest first."),
            errors: [
                400: "`invalid_input`: `limit` is not an integer from 1 to 200.",
                404: notMember + " Or `before` is not a message of this conversation.",
            ]
        ),
        .init(
            "post",
            "/api/messages/send/{id}",
            id: "sendMessage",
            summary: "Send an encrypted message (idempotent by id)",
            description: "Members get a `message.new` event. Sending again with the same `id` stores nothing "
                + "and answers 201 with the stored message.",
            parameters: [conversationId],
            body: .json(SendMessageRequest.self),
            success: .json(status: 201, schema: MessageResponse.self, description: "The stored message."),
            errors: [
                400: badBody + " Or `id` is not a valid client id, `envelope` is empty, or `blobIds` names more "
                    + "blobs than allowed (10 by default).",
                404: notMember + " Or a blob in `blobIds` does not exist or was uploaded by someone else.",
                409: "`id_taken`: another sender or conversation already used `id`. " + staleEpoch,
                410: blobGone,
                413: "`payload_too_large`: the body is over the server's limit, or `envelope` is over the "
                    + "envelope limit (64 KiB by default).",
            ]
        ),
        .init(
            "put",
            "/api/messages/mark/{id}",
            id: "markSeen",
            summary: "Mark a message (or everything up to it) seen",
            description: "Marks others' messages only. Members get a `message.seen` event when anything was "
                + "newly marked.",
            parameters: [messageId],
            body: .json(MarkSeenRequest.self, required: false),
            success: .json(
                status: 200,
                schema: SeenResponse.self,
                description: "The messages this call newly marked (possibly none)."
            ),
            errors: [
                400: badBody,
                404: "`not_found`: no such message, or the caller is not a member of its conversation.",
            ]
        ),
        .init(
            "put",
            "/api/messages/edit/{id}",
            id: "editMessage",
            summary: "Edit a message (sender, 15 minutes, text only)",
            description: "Stores the signed edit event; members get a `message.edited` event. Retrying with the "
                + "same event `id` answers the message unchanged.",
            parameters: [messageId],
            body: .json(EventEnvelopeRequest.self),
            success: .json(status: 200, schema: MessageResponse.self, description: "The edited message."),
            errors: [
                400: badBody + " Or `id` is not a valid client id, or `envelope` is empty.",
                403: "`not_sender`: only the sender can edit. `attachment_not_editable`: messages with attachments "
                    + "cannot be edited. `edit_window_passed`: the edit window (15 minutes by default) is over.",
                404: "`not_found`: no such message, or the caller is not a member of its conversation.",
                409: "`message_deleted`: the message was deleted. " + staleEpoch,
                413: "`payload_too_large`: the body or `envelope` is over its limit.",
            ]
        ),
        .init(
            "delete",
            "/api/messages/delete/{id}",
            id: "deleteMessage",
            summary: "Soft-delete a message",
            description: "The sender, or a group's admin, wipes the message: envelopes, reactions and attachment "
                + "blobs are removed for good. The body (a signed delete event) is optional. Members get a "
                + "`message.deleted` event. Deleting again answers the deleted message.",
            parameters: [messageId],
            body: .json(EventEnvelopeRequest.self, required: false),
            success: .json(status: 200, schema: MessageResponse.self, description: "The wiped message."),
            errors: [
                400: badBody + " Or `id` is not a valid client id, or `envelope` is empty.",
                403: "`not_sender`: only the sender or a group's admin can delete a message.",
                404: "`not_found`: no such message, or the caller is not a member of its conversation.",
                409: staleEpoch,
                413: "`payload_too_large`: the body or `envelope` is over its limit.",
            ]
        ),
        .init(
            "put",
            "/api/messages/react/{id}",
            id: "reactToMessage",
            summary: "Store an encrypted reaction",
            description: "Members get a `message.reaction` event. Retrying with the same event `id` answers the "
                + "stored reaction.",
            parameters: [messageId],
            body: .json(EventEnvelopeRequest.self),
            success: .json(status: 200, schema: ReactionResponse.self, description: "The stored reaction event."),
            errors: [
                400: badBody + " Or `id` is not a valid client id, or `envelope` is empty.",
                404: "`not_found`: no such message, or the caller is not a member of its conversation.",
                409: "`id_taken`: someone else, or another message, already used `id`. `message_deleted`: the "
                    + "message was deleted. " + staleEpoch,
                413: "`payload_too_large`: the body or `envelope` is over its limit.",
            ]
        ),
    ]

    private static let conversations: [OpenAPIOperation] = [
        .init(
            "get",
            "/api/conversations/list",
            id: "listConversations",
            summary: "The caller's conversations",
            success: .json(
                status: 200,
                schema: ConversationsResponse.self,
                description: "Newest activity first, each with its last message and the caller's unread count."
            )
        ),
        .init(
            "post",
            "/api/conversations/create",
            id: "createConversation",
            summary: "Create a direct chat or a group",
            description: "Records the signed CREATE op (seq 0); members get a `conversation.created` event. A "
                + "retry by the same creator answers 201 with the conversation as it is now.",
            body: .json(CreateConversationRequest.self),
            success: .json(status: 201, schema: ConversationResponse.self, description: "The new conversation."),
            errors: [
                400: badBodyOrIds
                    + " Or a direct chat does not have exactly one other participant, or a group has none.",
                404: "`not_found`: a participant does not exist, or `avatarBlobId` does not exist or was uploaded by "
                    + "someone else.",
                409: "`id_taken`: someone else created a conversation with this `id`. `conversation_exists`: the "
                    + "caller already has a direct chat with this person; `conversationId` names it.",
                410: blobGone,
                413: opTooLarge,
            ]
        ),
        .init(
            "put",
            "/api/conversations/add-members",
            id: "addMembers",
            summary: "Add members (admin only)",
            description: "Appends the signed ADD op, which starts a new epoch. Members old and new get a "
                + "`conversation.updated` event.",
            body: .json(AddMembersRequest.self),
            success: .json(status: 200, schema: ConversationResponse.self, description: "The updated conversation."),
            errors: [
                400: badBodyOrIds + " Or `memberIds` is empty.",
                403: "`forbidden`: a direct chat cannot add members. `not_admin`: the caller is not the group's "
                    + "admin.",
                404: notMember + " Or a user in `memberIds` does not exist.",
                409: seqConflict + " `already_member`: a user in `memberIds` is already a member.",
                413: opTooLarge,
            ]
        ),
        .init(
            "put",
            "/api/conversations/remove-member",
            id: "removeMember",
            summary: "Remove a member (admin) or leave",
            description: "With another member's id, the admin appends a REMOVE op; with the caller's own id, any "
                + "member appends a LEAVE op (the longest-standing member becomes admin when the admin leaves; the "
                + "conversation is deleted when the last member leaves). Remaining members get "
                + "`conversation.updated`, the removed one `conversation.removed`.",
            body: .json(RemoveMemberRequest.self),
            success: .json(
                status: 200,
                schema: ConversationResponse.self,
                description: "The conversation after the change (as a remaining member sees it; without members "
                    + "when the last one left)."
            ),
            errors: [
                400: badBodyOrIds,
                403: "`forbidden`: a direct chat cannot remove members or be left. `not_admin`: only the admin can "
                    + "remove others.",
                404: notMember + " Or `memberId` is not a member.",
                409: seqConflict,
                413: opTooLarge,
            ]
        ),
        .init(
            "put",
            "/api/conversations/update-info",
            id: "updateConversationInfo",
            summary: "Change a group's name or avatar (admin only)",
            description: "Appends a REKEY op carrying the encrypted name and avatar key, which starts a new epoch; "
                + "members get `conversation.updated`.",
            body: .json(UpdateInfoRequest.self),
            success: .json(status: 200, schema: ConversationResponse.self, description: "The updated conversation."),
            errors: [
                400: badBodyOrIds,
                403: "`forbidden`: a direct chat has no name or avatar. `not_admin`: the caller is not the group's "
                    + "admin.",
                404: notMember + " Or `avatarBlobId` does not exist or was uploaded by someone else.",
                409: seqConflict,
                410: blobGone,
                413: opTooLarge,
            ]
        ),
        .init(
            "delete",
            "/api/conversations/delete",
            id: "deleteConversation",
            summary: "Delete a group (admin only)",
            description: "Deletes the group with its messages, ops and blobs; members get `conversation.deleted`.",
            body: .json(DeleteConversationRequest.self),
            success: .json(status: 200, schema: SuccessResponse.self, description: "The group is gone."),
            errors: [
                400: badBody,
                403: "`forbidden`: a direct chat cannot be deleted. `not_admin`: the caller is not the group's admin.",
                404: notMember,
            ]
        ),
        .init(
            "get",
            "/api/conversations/{id}",
            id: "getConversation",
            summary: "One conversation",
            parameters: [conversationId],
            success: .json(status: 200, schema: ConversationResponse.self, description: "The conversation."),
            errors: [404: notMember]
        ),
        .init(
            "get",
            "/api/conversations/{id}/ops",
            id: "listOps",
            summary: "The signed operation log",
            parameters: [
                conversationId,
                .query(
                    "since",
                    "Return the ops whose `seq` is at least this (inclusive).",
                    schema: ["type": "integer", "format": "int64", "minimum": 0, "default": 0]
                ),
            ],
            success: .json(status: 200, schema: OpsResponse.self, description: "The ops from `since` on, by `seq`."),
            errors: [
                400: "`invalid_input`: `since` is not a non-negative integer.",
                404: notMember,
            ]
        ),
        .init(
            "post",
            "/api/conversations/{id}/ops",
            id: "appendOp",
            summary: "Append a rekey or set_role op",
            description: "For the op types without a route of their own: `rekey` (any member; starts a new "
                + "epoch) and `set_role` (group admin only). Members get `conversation.updated`.",
            parameters: [conversationId],
            body: .json(AppendOpRequest.self),
            success: .json(status: 200, schema: ConversationResponse.self, description: "The updated conversation."),
            errors: [
                400: badBodyOrIds
                    + " Or `type` is not `rekey` or `set_role`, or `set_role` lacks `memberId` or `role`.",
                403: "`forbidden`: a direct chat has no roles. `not_admin`: only the admin can set roles.",
                404: notMember + " Or `memberId` is not a member.",
                409: seqConflict,
                413: opTooLarge,
            ]
        ),
    ]

    private static let keys: [OpenAPIOperation] = [
        .init(
            "put",
            "/api/keys/device-list",
            id: "publishDeviceList",
            summary: "Publish the signed device list",
            description: "Stores the account key and the device list; the caller's devices and everyone sharing a "
                + "conversation with them get `keys.updated`.",
            body: .json(DeviceListRequest.self),
            success: .json(status: 200, schema: KeyBundleResponse.self, description: "The caller's keys now."),
            errors: [
                400: badBody + " Or `aik` is not 32 bytes, `version` is under 1, or `deviceList` is empty.",
                409: "`stale_version`: `version` is not greater than the stored one.",
                413: "`payload_too_large`: the body is over the server's limit, or `deviceList` is over 64 KiB.",
            ]
        ),
        .init(
            "put",
            "/api/keys/devices/{deviceId}/seal",
            id: "publishSealCertificate",
            summary: "Publish a sealing-key certificate",
            description: "Replaces the device's certificate; the same peers as for the device list get "
                + "`keys.updated`.",
            parameters: [deviceId],
            body: .json(SealCertificateRequest.self),
            success: .json(status: 200, schema: KeyBundleResponse.self, description: "The caller's keys now."),
            errors: [
                400: badBody + " Or `deviceId` is not a valid client id, or `cert` is empty.",
                404: "`not_found`: the caller has not published a device list yet.",
                413: "`payload_too_large`: the body is over the server's limit, or `cert` is over 64 KiB.",
            ]
        ),
        .init(
            "get",
            "/api/keys/pending",
            id: "listPendingDevices",
            summary: "Devices waiting to be linked",
            success: .json(
                status: 200, schema: PendingDevicesResponse.self, description: "The caller's pending devices.")
        ),
        .init(
            "post",
            "/api/keys/pending",
            id: "announcePendingDevice",
            summary: "Announce a device to link",
            description: "The caller's devices get `device.pending`. Announcing the same device again replaces it.",
            body: .json(PendingDeviceRequest.self),
            success: .json(
                status: 201,
                schema: PendingDevicesResponse.self,
                description: "The stored announcement (one device)."
            ),
            errors: [
                400: badBodyOrIds,
                413: "`payload_too_large`: the body is over the server's limit, `commitment` over 1 KiB or "
                    + "`payload` over 64 KiB.",
            ]
        ),
        .init(
            "delete",
            "/api/keys/pending/{deviceId}",
            id: "withdrawPendingDevice",
            summary: "Withdraw a pending device",
            parameters: [deviceId],
            success: .json(status: 200, schema: SuccessResponse.self, description: "The announcement is gone."),
            errors: [404: "`not_found`: the caller has no pending device with this id."]
        ),
        .init(
            "post",
            "/api/keys/mailbox/{deviceId}",
            id: "postMailboxItem",
            summary: "Leave a link bundle for a device",
            description: "For one of the caller's own devices; the caller's devices get `device.bundle`.",
            parameters: [OpenAPIOperation.Parameter.path("deviceId", "The device the bundle is for.")],
            body: .json(MailboxRequest.self),
            success: .json(status: 201, schema: MailboxResponse.self, description: "The stored item (one)."),
            errors: [
                400: badBody + " Or `deviceId` or `fromDeviceId` is not a valid client id, or `payload` is empty.",
                413: "`payload_too_large`: the body is over the server's limit, or `payload` is over 4 MiB.",
            ]
        ),
        .init(
            "get",
            "/api/keys/mailbox/{deviceId}",
            id: "readMailbox",
            summary: "Read a device's mailbox",
            parameters: [deviceId],
            success: .json(status: 200, schema: MailboxResponse.self, description: "The device's items, oldest first.")
        ),
        .init(
            "delete",
            "/api/keys/mailbox/{deviceId}/{itemId}",
            id: "deleteMailboxItem",
            summary: "Remove a mailbox item",
            parameters: [deviceId, .path("itemId", "The item's id.", schema: WireSchema.serverId)],
            success: .json(status: 200, schema: SuccessResponse.self, description: "The item is gone."),
            errors: [404: "`not_found`: the caller has no mailbox item with this id."]
        ),
        .init(
            "get",
            "/api/keys/{userId}",
            id: "getKeyBundle",
            summary: "A user's published keys",
            parameters: [.path("userId", "Any user's id.", schema: WireSchema.serverId)],
            success: .json(status: 200, schema: KeyBundleResponse.self, description: "The user's keys."),
            errors: [404: "`not_found`: the user has not published keys (or does not exist)."]
        ),
    ]

    private static let blobs: [OpenAPIOperation] = [
        .init(
            "post",
            "/api/blobs",
            id: "uploadBlob",
            summary: "Upload an encrypted blob",
            description: "The body is the ciphertext itself. The blob can then be referenced by a message, the "
                + "caller's avatar or a group's avatar.",
            body: .octetStream("The encrypted bytes (at most 15 MiB by default)."),
            success: .json(status: 201, schema: BlobResponse.self, description: "The stored blob's id, size and hash."),
            errors: [
                400: "`invalid_input`: the body is empty.",
                413: "`payload_too_large`: the blob is over the blob or body limit (15 MiB by default).",
            ]
        ),
        .init(
            "get",
            "/api/blobs/{id}",
            id: "downloadBlob",
            summary: "Download an encrypted blob",
            description: "Readable by its uploader, by members of a conversation whose message or avatar "
                + "references it, and by everyone when it is a user's avatar.",
            parameters: [.path("id", "The blob's id.", schema: WireSchema.serverId)],
            success: .octetStream("The encrypted bytes; immutable, so cacheable for a year."),
            errors: [
                404: "`not_found`: no such blob, or the caller may not read it.",
                410: "`blob_deleted`: the blob was deleted with its message or conversation.",
            ]
        ),
    ]

    private static let sync: [OpenAPIOperation] = [
        .init(
            "get",
            "/api/ws",
            id: "eventStream",
            summary: "The event stream (WebSocket upgrade)",
            description: webSocketDescription,
            success: .webSocket
        )
    ]
}
