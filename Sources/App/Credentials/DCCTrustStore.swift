import Credentials
import Domain
import EUDCC
import Foundation
import Synchronization

/// EU Digital COVID Certificates (`HC1:`) as travel evidence (DESIGN §5): checked offline against
/// the Document Signer Certificates a city imports (`cordon keys import-dcc FILE`), kept as DER files
/// in `DATA_DIR/keys/dcc/`. A DCC says who travelled with which vaccination, test or recovery; it
/// carries no colour of ours, and its holder is nobody in our register, so a scan of one is never
/// recorded as presence.
public final class DCCTrustStore: Sendable {
    public let directory: URL
    /// The verifier of the files as they were when last read (rebuilt when the folder changes).
    private let cached = Mutex<(stamp: Date, verifier: DCCVerifier)?>(nil)

    public init(dataDirectory: URL) {
        self.directory = dataDirectory.appendingPathComponent("keys/dcc")
    }

    /// Why an import file was refused, naming the certificate.
    public enum ImportError: Error, CustomStringConvertible {
        case unreadable(String)
        case badCertificate(index: Int, reason: String)
        case empty

        public var description: String {
            switch self {
            case .unreadable(let why): "the file is neither PEM certificates, DER, nor a JSON trust list (an array of {\"kid\", \"rawData\"}): \(why)"
            case .badCertificate(let i, let why): "certificate \(i + 1): \(why)"
            case .empty: "the file holds no certificate"
            }
        }
    }

    /// Imports the Document Signer Certificates of a file (PEM, DER, or the EU gateway's JSON trust
    /// list with base64 `rawData`); every certificate is checked before any is stored. Returns the key
    /// ids (hex) now trusted.
    public func importCertificates(_ data: Data) throws -> [String] {
        let ders = try Self.certificates(in: data)
        guard !ders.isEmpty else { throw ImportError.empty }
        for (i, der) in ders.enumerated() {
            do { _ = try DCCVerifier(certificatesDER: [der]) } catch { throw ImportError.badCertificate(index: i, reason: "\(error)") }
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var kids: [String] = []
        for der in ders {
            let kid = Hex.encode(DCCVerifier.keyID(der))
            try Data(der).write(to: directory.appendingPathComponent(kid + ".der"), options: .atomic)
            kids.append(kid)
        }
        return kids
    }

    /// The verifier for the imported signers (none imported: every DCC is refused as unknown-key).
    public func verifier() throws -> DCCVerifier {
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        let ders = files.filter { $0.pathExtension == "der" }
        let stamp = ders.compactMap { try? $0.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate }.max() ?? .distantPast
        if let hit = cached.withLock({ $0 }), hit.stamp == stamp, ders.count == hit.verifier.signers.count { return hit.verifier }
        let verifier = try DCCVerifier(certificatesDER: try ders.map { Array(try Data(contentsOf: $0)) })
        cached.withLock { $0 = (stamp, verifier) }
        return verifier
    }

    /// Checks a DCC at `at`; the refusal uses the same codes as our own credentials.
    public func check(_ text: String, at: Date) throws -> Result<TravelEvidence, CredentialError> {
        Self.judge(try verifier().check(text, at: at))
    }

    static func judge(_ o: DCCVerifier.Outcome) -> Result<TravelEvidence, CredentialError> {
        if o.base45Decoded == false { return .failure(.badBase45) }
        if o.decompressed == false { return .failure(.badCompression) }
        if o.decoded == false { return .failure(.badCBOR(o.error ?? "not a DCC")) }
        if o.signerKnown == false { return .failure(.unknownKey) }
        if o.verified != true { return .failure(.badSignature) }
        if o.notExpired == false { return .failure(.expired) }
        if o.schemaValid == false { return .failure(.badClaims("not an EU DCC: " + o.schemaViolations.prefix(3).joined(separator: "; "))) }
        if o.keyUsageAllowed == false { return .failure(.badClaims("its signer may not sign this kind of certificate")) }
        let certificate = o.certificate
        let types = ["v": "vaccination", "t": "test", "r": "recovery"].filter { certificate?[.text($0.key)] != nil }.map(\.value).sorted()
        var name: String? = nil
        if case .text(let family)? = certificate?[.text("nam")]?[.text("fn")] { name = Masking.name(family) }
        return .success(TravelEvidence(expiresAt: o.expiresAt, types: types, maskedName: name))
    }

    /// PEM, DER, or a JSON trust list.
    static func certificates(in data: Data) throws -> [[UInt8]] {
        if let text = String(data: data, encoding: .utf8), text.contains("-----BEGIN CERTIFICATE-----") {
            return text.components(separatedBy: "-----BEGIN CERTIFICATE-----").dropFirst().compactMap { part in
                part.components(separatedBy: "-----END CERTIFICATE-----").first.flatMap { Data(base64Encoded: $0, options: .ignoreUnknownCharacters) }.map(Array.init)
            }
        }
        if data.first == 0x30 { return [Array(data)] }
        let list: JSONTrustList
        do { list = try JSONDecoder().decode(JSONTrustList.self, from: data) } catch { throw ImportError.unreadable(JSONTrustList.reason(error)) }
        return try list.entries.enumerated().map { i, entry in
            guard let base64 = entry.base64, let der = Data(base64Encoded: base64, options: .ignoreUnknownCharacters) else {
                throw ImportError.badCertificate(index: i, reason: "no base64 rawData")
            }
            return Array(der)
        }
    }
}

/// A JSON trust list as `import-dcc` accepts it: an array of entries, or an object whose
/// `certificates` is one (an object without such an array holds no certificate). Anything else at
/// the top (a string, a number, null) is not a trust list. Reading never fails on an entry: an
/// entry that gives no base64 text is refused by its index afterwards.
struct JSONTrustList: Decodable {
    let entries: [Entry]

    /// One certificate: a base64 string, or an object whose `rawData` (the EU gateway's name),
    /// else `certificate`, else `CERTIFICATE`, holds it. The first of those keys present decides,
    /// even when its value is not a string (then the entry has none).
    struct Entry: Decodable {
        let base64: String?

        init(base64: String?) { self.base64 = base64 }

        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                base64 = text
            } else if let object = try? decoder.container(keyedBy: Key.self),
                let key = [Key.rawData, .certificate, .CERTIFICATE].first(where: { object.contains($0) })
            {
                base64 = try? object.decode(String.self, forKey: key)
            } else {
                base64 = nil
            }
        }
    }

    enum Key: String, CodingKey {
        case rawData, certificate, CERTIFICATE, certificates
    }

    init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            entries = try Self.entries(&array)
        } else if let object = try? decoder.container(keyedBy: Key.self) {
            if var array = try? object.nestedUnkeyedContainer(forKey: .certificates) { entries = try Self.entries(&array) } else { entries = [] }
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "JSON text did not start with array or object"))
        }
    }

    /// Every element of the list, a null one included (as an entry without base64).
    private static func entries(_ array: inout any UnkeyedDecodingContainer) throws -> [Entry] {
        var entries: [Entry] = []
        while !array.isAtEnd {
            if try array.decodeNil() { entries.append(Entry(base64: nil)) } else { entries.append(try array.decode(Entry.self)) }
        }
        return entries
    }

    /// Why the file is not a JSON list, in words (the parser's own reason when it has one).
    static func reason(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error { return context.underlyingError?.localizedDescription ?? context.debugDescription }
        return error.localizedDescription
    }
}

/// What a valid EU DCC proves: the kinds of record it holds, until when, and whose (masked) it is.
public struct TravelEvidence: Sendable, Equatable {
    public var expiresAt: Date?
    public var types: [String]
    public var maskedName: String?
}
