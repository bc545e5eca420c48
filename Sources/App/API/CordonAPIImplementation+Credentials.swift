import CordonAPI
import Credentials
import Domain
import Foundation

/// The trust list for offline verifiers (DESIGN §6: regions publish their signing keys).
extension CordonAPIImplementation {
    func getTrustList(_ input: Operations.GetTrustList.Input) async throws -> Operations.GetTrustList.Output {
        let credentials = CredentialService(services: services)
        let now = services.now()
        let entries = try credentials.keys.trustedKeys(now: now, longestLifetime: Double(services.profile.credentials.paperLifetimeDays) * 86_400)
        let document: [String: Any] = [
            "issuer": services.profile.credentials.issuer, "issuedAt": Timestamp.format(now),
            "keys": entries.map { ["kid": $0.kid, "publicKey": $0.publicKey, "state": $0.state.rawValue] },
            "revoked": try credentials.revoked().map { $0.map { String(format: "%02x", $0) }.joined() }.sorted(),
        ]
        let text = String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), as: UTF8.self)
        let signature = try credentials.keys.signWithRoot(Array(text.utf8))
        return .ok(.init(body: .json(.init(
            document: text, signature: Data(signature).base64EncodedString(),
            rootKey: try credentials.keys.rootPublicKey().x963Representation.base64EncodedString()))))
    }
}
