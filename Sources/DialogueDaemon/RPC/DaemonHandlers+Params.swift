/// The params of each method, decoded by the router (a mismatch answers -32602 naming the field).
extension DaemonHandlers {
    /// `{}`.
    struct NoParams: Decodable, Sendable {}

    /// `daemon.unlock {passphrase}`.
    struct UnlockParams: Decodable, Sendable {
        var passphrase: String
    }

    /// `daemon.setPassphrase {old, new}`.
    struct SetPassphraseParams: Decodable, Sendable {
        var old: String
        var new: String
    }

    /// `account.signup {server, email, fullname, password, bio?}`.
    struct SignupParams: Decodable, Sendable {
        var server: String
        var email: String
        var fullname: String
        var password: String
        var bio: String?
    }

    /// `account.login {server, email, password}`.
    struct LoginParams: Decodable, Sendable {
        var server: String
        var email: String
        var password: String
    }
}

/// The params of the session's methods.
extension DaemonHandlers {
    struct SubscribeParams: Decodable, Sendable {
        var types: [String]?
    }

    struct UnsubscribeParams: Decodable, Sendable {
        var subscription: String
    }

    struct UpdateProfileParams: Decodable, Sendable {
        var fullname: String?
        var bio: String?
        var avatarPath: String?
    }

    struct QueryParams: Decodable, Sendable {
        var query: String?
    }

    struct FilterParams: Decodable, Sendable {
        var filter: String?
    }

    struct UserParams: Decodable, Sendable {
        var userId: String
    }

    struct CreateGroupParams: Decodable, Sendable {
        var name: String
        var memberIds: [String]
        var avatarPath: String?
    }

    struct MembersParams: Decodable, Sendable {
        var conversationId: String
        var memberIds: [String]
    }

    struct MemberParams: Decodable, Sendable {
        var conversationId: String
        var memberId: String
    }

    struct ConversationParams: Decodable, Sendable {
        var conversationId: String
    }

    struct UpdateConversationParams: Decodable, Sendable {
        var conversationId: String
        var name: String?
        var avatarPath: String?
    }

    struct MarkReadParams: Decodable, Sendable {
        var conversationId: String
        var upTo: String?
    }

    struct MutedParams: Decodable, Sendable {
        var conversationId: String
        var muted: Bool
    }

    struct ListParams: Decodable, Sendable {
        var conversationId: String
        var before: String?
        var limit: Int?
    }

    struct SendParams: Decodable, Sendable {
        var conversationId: String
        var text: String?
        var attachmentPath: String?
        var replyTo: String?
    }

    struct EditParams: Decodable, Sendable {
        var messageId: String
        var text: String
    }

    struct MessageParams: Decodable, Sendable {
        var messageId: String
    }

    struct ReactParams: Decodable, Sendable {
        var messageId: String
        var emoji: String
    }

    struct SearchParams: Decodable, Sendable {
        var query: String
        var scope: String?
        var conversationId: String?
        var limit: Int?
    }

    struct TypingParams: Decodable, Sendable {
        var conversationId: String
        var typing: Bool
    }

    struct VerifyParams: Decodable, Sendable {
        var userId: String
        var number: String
    }

    struct DeviceParams: Decodable, Sendable {
        var deviceId: String
    }

    /// `devices.link {code?}`.
    struct LinkParams: Decodable, Sendable {
        var code: String?
    }
}
