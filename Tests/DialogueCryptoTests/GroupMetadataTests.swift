import Crypto
import Foundation
import Testing

@testable import DialogueCrypto

struct GroupMetadataTests {
    @Test("Group titles travel encrypted in the op and only members read them")
    func titles() throws {
        var s = try Scenario()
        let title = Array("Book club 📚".utf8)
        let op = try s.aliceProposes(.rekey(reason: .other), nowMs: testNow)
        #expect(try s.bobSession.metadata(of: op) == nil)
        let renamed = try s.aliceSession.propose(
            .remove(user: s.carol.id), directory: s.directory, nowMs: testNow, metadata: title)
        try s.bobSession.receive(renamed, directory: s.directory)
        try s.carolSession.receive(renamed, directory: s.directory)
        #expect(!renamed.metaCiphertext.isEmpty)
        #expect(try s.bobSession.metadata(of: renamed) == title)
        expectCode(.unknownEpoch) { try s.carolSession.metadata(of: renamed) }
        expectCode(.invalidOperation) {
            try s.bobSession.propose(.leave, directory: s.directory, nowMs: testNow, metadata: title)
        }
    }
}
