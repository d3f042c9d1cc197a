import DialogueCrypto
import DialogueProtocol
import DialogueRPC
import Foundation

/// The `security.*` methods: comparing safety numbers, and marking a contact verified, which
/// makes a later change of their identity key block sends until it is compared again.
enum SecurityCommands {
    /// `security.safetyNumber`: the 60 digits both sides compute from the two account keys.
    static func safetyNumber(userId: String, in session: isolated AccountSession) async throws(DaemonError)
        -> SafetyNumberView
    {
        try await session.ensureKeys(for: [userId])
        guard let user = try? UserID(userId),
            let (number, verified) = session.contacts.safetyNumber(
                with: user, me: session.deviceKeys.user, myKey: session.accountIdentity.publicKeyBytes)
        else {
            throw DaemonError(.notFound, "No keys for \(userId)")
        }
        return SafetyNumberView(number: number.digits, verified: verified)
    }

    /// `security.verify`: marks the contact verified when the number matches.
    static func verify(userId: String, number: String, in session: isolated AccountSession) async throws(DaemonError)
        -> VerificationView
    {
        let expected = try await safetyNumber(userId: userId, in: session)
        let digits = number.filter(\.isNumber)
        guard expected.number == digits else {
            throw DaemonError(.invalidInput, "That safety number does not match: nothing was marked verified")
        }
        guard let user = try? UserID(userId) else { throw DaemonError(.notFound, "No such user \(userId)") }
        session.contacts.markVerified(user)
        do {
            try await session.store.apply(messages: [], meta: [try session.contacts.pinsWrite()], cursor: nil)
        } catch {
            throw DaemonError("Saving the verification failed", store: error)
        }
        return VerificationView(verified: true)
    }
}
