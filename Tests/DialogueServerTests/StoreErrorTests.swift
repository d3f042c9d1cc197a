import DialogueProtocol
import DialogueServerStore
import DialogueTestSupport
import Foundation
import GRDB
import HTTPTypes
import Logging
import Testing

@testable import DialogueServer

/// The store has its own error, converted once at the HTTP boundary: clients must be told exactly
/// what they were told when the store threw HTTP errors itself, and never a database's SQL or a path.
@Suite("Store errors")
struct StoreErrorTests {
    /// One store error and what a client has always been told about it.
    struct Mapping: Sendable, CustomTestStringConvertible {
        var error: ServerStoreError
        var status: HTTPResponse.Status
        var code: String
        var message: String
        var conversationId: String?

        var testDescription: String { "\(error.kind)" }
    }

    static let mappings: [Mapping] = [
        Mapping(
            error: .notFound("The blob"), status: .notFound, code: "not_found", message: "The blob was not found."),
        Mapping(
            error: .invalidInput("memberIds is empty."), status: .badRequest, code: "invalid_input",
            message: "memberIds is empty."),
        Mapping(
            error: .forbidden("A direct conversation cannot be left."), status: .forbidden, code: "forbidden",
            message: "A direct conversation cannot be left."),
        Mapping(
            error: .forbidden("Only the group's admin can delete it.", code: .notAdmin), status: .forbidden,
            code: "not_admin", message: "Only the group's admin can delete it."),
        Mapping(
            error: .forbidden("Only the sender can edit a message.", code: .notSender), status: .forbidden,
            code: "not_sender", message: "Only the sender can edit a message."),
        Mapping(
            error: .forbidden("Messages can be edited for 15 minutes after sending.", code: .editWindowPassed),
            status: .forbidden, code: "edit_window_passed",
            message: "Messages can be edited for 15 minutes after sending."),
        Mapping(
            error: .conflict(.idTaken, "That message id is taken: generate a new one."), status: .conflict,
            code: "id_taken", message: "That message id is taken: generate a new one."),
        Mapping(
            error: .conflict(.alreadyMember, "That user is already a member."), status: .conflict,
            code: "already_member", message: "That user is already a member."),
        Mapping(
            error: .conflict(
                .conversationExists, "You already have a direct conversation with this person.",
                conversationId: "existing-direct"),
            status: .conflict, code: "conversation_exists",
            message: "You already have a direct conversation with this person.", conversationId: "existing-direct"),
        Mapping(
            error: .staleEpoch(current: 3), status: .conflict, code: "stale_epoch",
            message: "The conversation moved to epoch 3: fetch its ops, then re-encrypt and send again."),
        Mapping(
            error: .seqConflict(expected: 7), status: .conflict, code: "seq_conflict",
            message: "The op log has moved on: the next op must have seq 7. Fetch the ops and retry."),
        Mapping(
            error: .gone(.blobDeleted, "The blob was deleted with its message."), status: .gone,
            code: "blob_deleted", message: "The blob was deleted with its message."),
        Mapping(
            error: .unknownAccount, status: .unauthorized, code: "unauthorized",
            message: ServerError.unauthorized.message),
        Mapping(
            error: ServerStoreError(.unavailable, "The database failed."), status: .internalServerError,
            code: "internal", message: "The server failed; the error was logged."),
    ]

    @Test(arguments: mappings)
    func eachKindKeepsItsStatusAndCode(_ mapping: Mapping) {
        let told = ErrorMiddleware.serverError(for: mapping.error)
        #expect(told.status == mapping.status)
        #expect(told.code.rawValue == mapping.code)
        #expect(told.message == mapping.message)
        #expect(told.conversationId == mapping.conversationId)
        #expect(told.retryAfter == nil)
    }

    @Test func aDatabaseErrorReachesTheLogButNotTheClient() {
        let sql = "SELECT password_hash FROM users WHERE email = ?"
        let database = DatabaseError(resultCode: .SQLITE_CORRUPT, message: "database disk image is malformed", sql: sql)
        let error = ServerStoreError(database)
        #expect(error.kind == .unavailable)
        #expect(error.cause is DatabaseError)
        #expect(String(describing: error).contains(sql))
        let told = ServerError(error)
        #expect(told == .internalFailure)
        for secret in ["SELECT", "password_hash", "malformed", "/"] {
            #expect(!told.message.contains(secret))
            #expect(!error.message.contains(secret))
        }
    }

    @Test func aStoreErrorPassesThroughUnchanged() {
        let error = ServerStoreError.notFound("The message")
        #expect(ServerStoreError(error) == error)
        #expect(ServerStoreError(error).cause == nil)
    }

    @Test func aFailingDatabaseTellsTheClientNoSQLOrPath() async throws {
        try await withTestServer { server in
            let ann = try await Fixtures.signup(server, name: "Ann")
            // Break the store under the running server: its next blob write fails inside SQLite.
            let database = server.directory.appendingPathComponent("dialogue-server.sqlite").path
            let queue = try DatabaseQueue(path: database)
            try await queue.write { db in try db.execute(sql: "DROP TABLE blobs") }
            let reply = try await ann.api.request(
                .post, "/api/blobs", body: Data("bytes".utf8), headers: [.contentType: "application/octet-stream"])
            #expect(reply.status == .internalServerError)
            let body = try reply.decode(ErrorResponse.self)
            #expect(body.code == "internal")
            #expect(body.message == "The server failed; the error was logged.")
            for secret in ["INSERT", "blobs", "no such table", server.directory.path, ".sqlite"] {
                #expect(!reply.text.contains(secret))
            }
        }
    }

    @Test func theStoreCallsADatabaseFailureUnavailableAndKeepsTheSQLAsCause() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteServerStore(
            directory: directory.url, sink: EventHub(queueLimit: 16), logger: Logger(label: "test"))
        let queue = try DatabaseQueue(path: directory.url.appendingPathComponent("dialogue-server.sqlite").path)
        try await queue.write { db in try db.execute(sql: "DROP TABLE blobs") }
        let error = try await #require(throws: ServerStoreError.self) {
            try await store.putBlob(ownerId: "someone", data: Data("bytes".utf8), now: Date())
        }
        #expect(error.kind == .unavailable)
        let cause = try #require(error.cause as? DatabaseError)
        #expect(cause.sql?.contains("INSERT INTO blobs") == true)
        for secret in ["INSERT", "blobs", directory.url.path] {
            #expect(!error.message.contains(secret))
            #expect(!ServerError(error).message.contains(secret))
        }
    }

    @Test func aDataDirectoryThatCannotBeMadeIsUnavailableWithoutItsPath() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // A file where the data directory should be.
        let blocked = directory.url.appendingPathComponent("not-a-directory")
        try Data().write(to: blocked)
        let error = try #require(throws: ServerStoreError.self) {
            _ = try SQLiteServerStore(
                directory: blocked.appendingPathComponent("data"), sink: EventHub(queueLimit: 16),
                logger: Logger(label: "test"))
        }
        #expect(error.kind == .unavailable)
        #expect(!error.message.contains(directory.url.path))
        // The operator starting the server still reads which path failed.
        #expect(String(describing: error).contains("not-a-directory"))
    }
}
