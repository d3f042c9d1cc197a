extension OpenAPIDocument {
    /// The description of `GET /api/ws`. OpenAPI cannot describe WebSocket frames, so the protocol
    /// (`ClientFrame` and `ServerFrame` in `DialogueProtocol/Sync`) is told here in prose, with the
    /// frames' schemas in `components.schemas`.
    static let webSocketDescription = """
        Upgrades to a WebSocket carrying one JSON object per text frame: `ClientFrame` from the client, \
        `ServerFrame` from the server (see `components.schemas`). Authenticate the upgrade request like any \
        other call, or with the `token` query parameter where headers cannot be set; without a valid token the \
        server answers 401 and does not upgrade.

        **Client frames** (at most 64 KiB each by default):
        - `{"op":"hello","cursor":N,"deviceId":"…"}` must come first, within 10 seconds (by default) or the \
        server closes the connection. `cursor` is the last event `seq` the client stored, 0 for a new device. \
        Later hellos are ignored.
        - `{"op":"ack","cursor":N}`: the client stored everything up to `N`. Accepted and currently unused.
        - `{"op":"typing","conversationId":"…","typing":true}`: relayed to the other members' connections; \
        not logged.

        **Server frames**, once the hello arrived:
        1. `{"op":"resync","cursor":N}`, only when the client's cursor is older than the log keeps (30 days by \
        default) or ahead of it: refetch state over REST (conversations, messages, keys); the stream \
        continues after `N`.
        2. `{"op":"event","seq":N,"type":"…","createdAt":"…","data":{…}}` for every logged event after the \
        cursor, in `seq` order.
        3. `{"op":"ready","cursor":N}`: the replay is done; `N` is the last `seq` sent.
        4. `{"op":"presence","users":[…]}`: the users online now.

        Live frames follow: `event` (in `seq` order, never one twice on a connection), \
        `{"op":"typing","conversationId":"…","userId":"…","typing":true}`, `presence` with the one user who \
        came online or went offline (then with `lastSeen`), and `{"op":"error","code":"…","message":"…"}` when \
        a client frame was refused (`invalid_frame`: not a JSON hello, ack or typing frame; `not_found`: typing \
        in a conversation the user is not in). An error frame does not close the connection.

        **Event types** and the `data` properties each carries:
        - `message.new`, `message.edited`, `message.deleted`: `conversationId`, `message` (as it is now, so \
        wiped if it was deleted since).
        - `message.reaction`: `conversationId`, `message`, `reaction`.
        - `message.seen`: `conversationId`, `receipt`.
        - `conversation.created`, `conversation.updated`: `conversationId`, `op`; refetch the conversation.
        - `conversation.removed`: `conversationId`, `op`; the user is no longer a member.
        - `conversation.deleted`: `conversationId`, `userId` (the admin who deleted it).
        - `user.updated`: `user`.
        - `keys.updated`: `userId`; refetch `GET /api/keys/{userId}`.
        - `device.pending`: `userId`, `deviceId`; refetch `GET /api/keys/pending`.
        - `device.bundle`: `userId`, `deviceId`, `mailboxItemId`; read `GET /api/keys/mailbox/{deviceId}`.

        Replayed events also carry `messageId`, `reactionId` and (for `user.updated`) `userId`; the body they \
        name is absent when it no longer exists.

        The server pings every 25 seconds (by default) and drops a peer that misses the pong. A connection \
        whose socket accepts nothing for 10 seconds (by default) is closed; the client reconnects and resumes \
        from its cursor.
        """
}
