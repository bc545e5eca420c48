import CordonAPI
import Credentials
import Domain
import Foundation

/// The trust list for offline verifiers (DESIGN §6: regions publish their signing keys).
extension CordonAPIImplementation {
    func getTrustList(_ input: Operations.GetTrustList.Input) async throws -> Operations.GetTrustList.Output {
        let now = clock.now()
        let entries = try credentials.signingKeys.trustedKeys(now: now, longestLifetime: Double(profiles.profile.credentials.paperLifetimeDays) * 86_400)
        let document = TrustListDocument(
            issuer: profiles.profile.credentials.issuer, issuedAt: Timestamp.format(now),
            expiresAt: Timestamp.format(now.addingTimeInterval(Double(profiles.profile.credentials.offlineWindowHours) * 3600)),
            keys: entries.map { .init(kid: $0.kid, publicKey: $0.publicKey, state: $0.state.rawValue) },
            revoked: try credentials.revoked().map(Hex.encode).sorted())
        let text = String(decoding: try TrustListDocument.encoder.encode(document), as: UTF8.self)
        let signature = try credentials.signingKeys.signWithRoot(Array(text.utf8))
        return .ok(.init(body: .json(.init(
            document: text, signature: Data(signature).base64EncodedString(),
            rootKey: try credentials.signingKeys.rootPublicKey().x963Representation.base64EncodedString()))))
    }
}

/// The signed document of the trust list: who issues, when, the public keys (base64 of the
/// uncompressed point) with their state, and the revoked code ids (hex, sorted). Verifiers check the
/// root's signature over these exact bytes, then parse them; keys are written sorted, slashes escaped
/// (`\/`), as `JSONSerialization` wrote them before.
struct TrustListDocument: Encodable {
    struct Key: Encodable {
        let kid: String
        let publicKey: String
        let state: String
    }

    let issuer: String
    let issuedAt: String
    /// Offline verifiers refuse the list after this (the profile's offline window): a checkpoint cut
    /// off longer than that would go on trusting revoked codes and retired keys.
    let expiresAt: String
    let keys: [Key]
    let revoked: [String]

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

extension CordonAPIImplementation {
    /// Never called: POST /api/v1/scans is served by `ScanRoute`, and `HandServedTransport` does not
    /// register this operation. The generated protocol still asks for the method.
    func recordScan(_ input: Operations.RecordScan.Input) async throws -> Operations.RecordScan.Output {
        throw HandServedTransport.ServedElsewhere(operation: "recordScan", by: "ScanRoute")
    }

    func recordScanBatch(_ input: Operations.RecordScanBatch.Input) async throws -> Operations.RecordScanBatch.Output {
        throw HandServedTransport.ServedElsewhere(operation: "recordScanBatch", by: "ScanBatchRoute")
    }

    static func verdict(_ v: ScanService.Verdict) -> Components.Schemas.ScanVerdict {
        .init(
            valid: v.valid, colour: v.colour.flatMap { .init(rawValue: $0) }, name: v.maskedName, error: v.error?.code, recorded: v.recorded,
            travelEvidence: v.travelEvidence.isEmpty ? nil : v.travelEvidence.compactMap { .init(rawValue: $0) })
    }
}
