/// The daemon's whole local API on one screen: every method and notification of `spec/rpc.md`.
///
/// This table is the source of `rpc.discover` (see ``RPCMethods/openRPCDocument(version:methods:)``)
/// and a test checks it against the router's real method table, so a method cannot be added to one
/// and forgotten in the other. To add a method: add a row here, register its handler, add the CLI
/// command, and document it in `spec/rpc.md`.
package enum RPCMethods {
    /// The message object every `messages.*` method and `message.*` notification carries.
    package static let message =
        "{id, conversationId, senderId, text, attachment?, replyTo?, reactions:[{emoji, count, mine}], createdAt, editedAt?, deleted, seen, state: pending|sent|failed}"

    // swift-format-ignore
    package static let all: [RPCMethod] = [
        // Daemon and session
        .init("rpc.discover", "Describe every method, param and result as an OpenRPC 1.x document.", result: "{openrpc, info, methods}"),
        .init("daemon.status", "Report lock state, account, server connection, outbox and cache size.", result: "{version, locked, account, connection:{state, server, retryInSeconds?, lastError?}, outboxPending, cache:{messages, conversations, bytes}}"),
        .init("daemon.unlock", "Unlock the key store; on a fresh data directory, create it under this passphrase.", params: "passphrase: string"),
        .init("daemon.lock", "Wipe keys and decrypted indexes from memory."),
        .init("daemon.setPassphrase", "Re-encrypt the key store under a new passphrase.", params: "old: string, new: string"),
        .init("daemon.reconnect", "Reconnect to the server now instead of waiting for the backoff."),
        .init("events.subscribe", "Start pushing events to this connection as notifications.", params: "types?: [string]", result: "{subscription}"),
        .init("events.unsubscribe", "Stop one subscription of this connection.", params: "subscription: string"),
        // Account and people
        .init("account.signup", "Create the account and this device's identity keys, publish them, sign in.", params: "server: string, email: string, fullname: string, password: string, bio?: string", result: "{id, email, fullname, bio}"),
        .init("account.login", "Sign in to an existing account from this device (needsLink when its keys are on another device).", params: "server: string, email: string, password: string", result: "{id, email, fullname, bio, needsLink?}"),
        .init("account.logout", "Sign out and forget the session token."),
        .init("account.me", "The signed-in account's profile.", result: "{id, email, fullname, bio, avatarUrl?}"),
        .init("account.updateProfile", "Change the name, bio or avatar.", params: "fullname?: string, bio?: string, avatarPath?: string", result: "{id, email, fullname, bio, avatarUrl?}"),
        .init("users.list", "List people, with presence and unread counts.", params: "query?: string", result: "[{id, fullname, bio, avatarUrl?, online, lastSeen, unread}]"),
        // Conversations
        .init("conversations.list", "List conversations from the cache (works offline).", params: "filter?: all|direct|groups|unread", result: "[{id, isGroup, name, members, admin?, avatarUrl?, lastMessage?, unread, muted}]"),
        .init("conversations.open", "The direct conversation with a user, created if needed.", params: "userId: string", result: "{id, isGroup, name, members, unread, muted}"),
        .init("conversations.createGroup", "Create a group with this account as admin.", params: "name: string, memberIds: [string], avatarPath?: string", result: "{id, isGroup, name, members, admin, avatarUrl?, unread, muted}"),
        .init("conversations.addMembers", "Add members to a group (admin only).", params: "conversationId: string, memberIds: [string]"),
        .init("conversations.removeMember", "Remove a member from a group (admin only).", params: "conversationId: string, memberId: string"),
        .init("conversations.leave", "Leave a group.", params: "conversationId: string"),
        .init("conversations.update", "Rename a group or change its avatar (admin only).", params: "conversationId: string, name?: string, avatarPath?: string", result: "{id, isGroup, name, members, admin, avatarUrl?, unread, muted}"),
        .init("conversations.delete", "Delete a group (admin only).", params: "conversationId: string"),
        .init("conversations.markRead", "Mark messages seen up to a message (default: the newest).", params: "conversationId: string, upTo?: string"),
        .init("conversations.setMuted", "Mute or unmute desktop notifications for a conversation.", params: "conversationId: string, muted: boolean"),
        // Messages
        .init("messages.list", "A newest-last page of messages from the cache (works offline).", params: "conversationId: string, before?: string, limit?: integer", result: "[message]"),
        .init("messages.send", "Queue a message durably in the outbox; returns it with state pending.", params: "conversationId: string, text?: string, attachmentPath?: string, replyTo?: string", result: "message"),
        .init("messages.edit", "Edit the text of an own message within 15 minutes.", params: "messageId: string, text: string", result: "message"),
        .init("messages.delete", "Soft-delete an own message.", params: "messageId: string", result: "message"),
        .init("messages.react", "Toggle an emoji reaction on a message.", params: "messageId: string, emoji: string", result: "message"),
        .init("messages.search", "Search recent (newest 1000) or all cached messages (works offline).", params: "query: string, scope?: recent|all, conversationId?: string, limit?: integer", result: "[{message, highlights:[[start,end]]}]"),
        // Live state
        .init("typing.update", "Report a key press or a stop; the daemon debounces.", params: "conversationId: string, typing: boolean"),
        .init("presence.list", "Who is online, and when the others were last seen.", result: "[{userId, online, lastSeen}]"),
        // Security
        .init("security.safetyNumber", "The 60-digit safety number shared with a contact.", params: "userId: string", result: "{number, verified}"),
        .init("security.verify", "Mark a contact verified after comparing safety numbers.", params: "userId: string, number: string", result: "{verified}"),
        .init("devices.list", "This account's devices.", result: "[{id, name, createdAt, current}]"),
        .init("devices.revoke", "Revoke one of this account's devices.", params: "deviceId: string"),
        .init("devices.link", "Without code, on a new device: show a link code (then device.linked). With the code, on a linked device: link the new one.", params: "code?: string", result: "{code, deviceId, expiresAt} | {deviceId, devices}"),
        // Assistant
        .init("bot.ask", "Ask the assistant; tokens stream as bot.token, then bot.done.", params: "prompt: string", result: "{requestId}"),
        .init("bot.cancel", "Stop a streaming answer; it ends with bot.done carrying an error.", params: "requestId: string"),
        .init("bot.history", "The assistant conversation kept locally.", result: "[{role, text, createdAt}]"),
        .init("bot.clear", "Forget the assistant conversation."),
    ]

    /// Notifications pushed after `events.subscribe`: the `method` is the event type.
    // swift-format-ignore
    package static let notifications: [RPCMethod] = [
        .init("message.new", "A message arrived or was sent from another device.", result: message),
        .init("message.edited", "A message's text changed.", result: message),
        .init("message.deleted", "A message was soft-deleted.", result: message),
        .init("message.reaction", "A message's reactions changed.", result: message),
        .init("message.state", "An outgoing message went from pending to sent or failed.", result: message),
        .init("message.seen", "A message was seen by its recipients.", result: message),
        .init("conversation.updated", "A conversation was created or changed.", result: "{id, isGroup, name, members, admin?, lastMessage?, unread, muted}"),
        .init("conversation.removed", "A conversation was deleted or this account left it.", result: "{id}"),
        .init("typing", "The current set of people typing in a conversation.", result: "{conversationId, userIds}"),
        .init("presence", "A user came online or went offline.", result: "{userId, online, lastSeen}"),
        .init("connection", "The server connection changed state.", result: "{state: online|connecting|offline, server, retryInSeconds?, lastError?}"),
        .init("device.linked", "This new device received the account's keys and is syncing its history.", result: "{deviceId, conversations}"),
        .init("device.linkExpired", "The link code this device showed expired unused.", result: "{deviceId}"),
        .init("security.identityChanged", "A contact's identity key changed and must be re-verified.", result: "{userId, verified}"),
        .init("bot.token", "One streamed piece of an assistant answer.", result: "{requestId, text}"),
        .init("bot.done", "The assistant answer is complete (or failed, with error).", result: "{requestId, error?}"),
    ]

    /// The method with this name, if the table has one.
    package static func method(named name: String) -> RPCMethod? {
        all.first { $0.name == name }
    }
}
