import Crypto
import Foundation

/// The subject of a health code: the person and the masked name shown at the gate, sealed with
/// AES-GCM under a key only this city's servers hold. To anyone else it is opaque bytes; the random
/// nonce makes two codes of one person unlinkable, so a scanner cannot follow someone by their code.
/// The server reads it back without a database look-up, which is what lets a gate scan thousands of
/// codes a second.
public struct CodeSubject: Sendable, Equatable {
    public var person: String
    public var maskedName: String

    public init(person: String, maskedName: String) {
        self.person = person
        self.maskedName = maskedName
    }
}

extension PersonalDataVault {
    public func seal(_ subject: CodeSubject) throws -> [UInt8] {
        let plain = Array(subject.person.utf8) + [0] + Array(subject.maskedName.utf8)
        guard let combined = try AES.GCM.seal(plain, using: subjectKey).combined else { throw VaultError.sealFailed }
        return Array(combined)
    }

    /// Nil for a subject sealed elsewhere (another region's code) or altered.
    public func openSubject(_ sealed: [UInt8]) -> CodeSubject? {
        guard let box = try? AES.GCM.SealedBox(combined: sealed), let plain = try? AES.GCM.open(box, using: subjectKey),
            let split = plain.firstIndex(of: 0)
        else { return nil }
        return CodeSubject(
            person: String(decoding: plain[plain.startIndex..<split], as: UTF8.self),
            maskedName: String(decoding: plain[(split + 1)...], as: UTF8.self))
    }
}
