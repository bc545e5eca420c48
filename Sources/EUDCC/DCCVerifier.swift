import CompressNIO
import Credentials
import Crypto
import Foundation
import NIOCore
import _CryptoExtras

/// Reads EU Digital COVID Certificates (`HC1:` + Base45 of zlib of COSE_Sign1 over CWT with the
/// certificate under claim -260) as travel evidence: each step of the chain is checked and reported
/// on its own, so a verifier (and the public test vectors) can see exactly where a certificate fails.
public struct DCCVerifier: Sendable {
    /// A signer's public key.
    public enum SignerKey: Sendable {
        case p256(P256.Signing.PublicKey)
        case p384(P384.Signing.PublicKey)
        case rsa(_RSA.Signing.PublicKey)
    }

    /// The signers by key id (the first 8 bytes of the SHA-256 of their certificate's DER).
    public var signers: [[UInt8]: SignerKey]
    /// What each signer may sign, by key id; a signer missing here is not judged on it.
    public var keyUsages: [[UInt8]: DCCKeyUsage] = [:]
    /// The codes the schema check holds certificates to.
    public var valueSets: DCCValueSets = .eu

    public init(signers: [[UInt8]: SignerKey]) { self.signers = signers }

    /// Signers from their certificates. Only the public key and the extended key usage are needed:
    /// both are read from the DER directly, so a certificate signed with an algorithm X509 does not
    /// parse (RSA-PSS with SHA-512, as Germany's) still yields them. A certificate whose extensions
    /// do not parse is refused, since what it may sign cannot be known.
    public init(certificatesDER: [[UInt8]]) throws(DCCError) {
        var signers: [[UInt8]: SignerKey] = [:]
        var usages: [[UInt8]: DCCKeyUsage] = [:]
        for der in certificatesDER {
            guard let spki = SubjectPublicKeyInfo.extract(from: der) else { throw .badCertificate("no SubjectPublicKeyInfo") }
            usages[Self.keyID(der)] = try DCCKeyUsage(certificateDER: der)
            if let k = try? P256.Signing.PublicKey(derRepresentation: spki) {
                signers[Self.keyID(der)] = .p256(k)
            } else if let k = try? P384.Signing.PublicKey(derRepresentation: spki) {
                signers[Self.keyID(der)] = .p384(k)
            } else if let k = try? _RSA.Signing.PublicKey(derRepresentation: spki) {
                signers[Self.keyID(der)] = .rsa(k)
            } else {
                throw .badCertificate("unsupported public key")
            }
        }
        self.signers = signers
        self.keyUsages = usages
    }

    /// Why a signature did not verify, for diagnostics.
    public func diagnose(_ text: String) -> String {
        guard text.hasPrefix("HC1:"), let compressed = Base45.decode(text.dropFirst(4)) else { return "no text" }
        var input = ByteBuffer(bytes: compressed)
        guard var out = try? input.decompress(with: .zlib(), maxSize: 1 << 20), let m = try? COSESign1(decoding: out.readBytes(length: out.readableBytes) ?? [])
        else { return "no COSE" }
        guard let kid = m.keyID else { return "no kid" }
        guard let key = signers[kid] else { return "kid \(kid) not among \(signers.keys.map { $0 })" }
        return "alg \(m.algorithm.map(String.init) ?? "-") key \(key) signature \(m.signature.count) bytes"
    }

    public static func keyID(_ der: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: der).prefix(8)) }

    /// How far a certificate got; a step not reached is nil.
    public struct Outcome: Sendable, Equatable {
        public var unprefixed: Bool? = nil
        public var base45Decoded: Bool? = nil
        public var decompressed: Bool? = nil
        public var decoded: Bool? = nil
        public var verified: Bool? = nil
        public var notExpired: Bool? = nil
        /// The health certificate conforms to the EU DCC schema and value sets.
        public var schemaValid: Bool? = nil
        /// Why it does not, when it does not.
        public var schemaViolations: [String] = []
        /// The signer named by the key id may sign this kind of certificate (nil: signer unknown).
        public var keyUsageAllowed: Bool? = nil
        /// The key id names a signer of the trust list (false: the signature cannot be checked at all).
        public var signerKnown: Bool? = nil
        /// The health certificate (claim -260, key 1) when decoded.
        public var certificate: CBOR? = nil
        public var expiresAt: Date? = nil
        public var error: String? = nil
    }

    public func check(_ text: String, at clock: Date) -> Outcome {
        var o = Outcome()
        guard text.hasPrefix("HC1:") else {
            o.unprefixed = false
            o.error = "no HC1: prefix"
            return o
        }
        o.unprefixed = true
        guard let compressed = Base45.decode(text.dropFirst(4)) else {
            o.base45Decoded = false
            o.error = "bad Base45"
            return o
        }
        o.base45Decoded = true
        var input = ByteBuffer(bytes: compressed)
        guard var output = try? input.decompress(with: .zlib(), maxSize: 1 << 20) else {
            o.decompressed = false
            o.error = "not zlib"
            return o
        }
        o.decompressed = true
        let coseBytes = output.readBytes(length: output.readableBytes) ?? []
        let message: COSESign1
        let claims: CBOR
        do {
            // Some issuers wrap the COSE_Sign1 in the CWT tag (61).
            var bytes = coseBytes
            if case .tagged(61, let inner)? = try? CBOR.decode(coseBytes) { bytes = inner.encoded() }
            message = try COSESign1(decoding: bytes)
            claims = try CBOR.decode(message.payload)
        } catch {
            o.decoded = false
            o.error = "\(error)"
            return o
        }
        // A certificate is a CWT whose claim -260 holds the health certificate under key 1.
        guard case .map = claims, let hcert = claims[.negative(-260)]?[.unsigned(1)], case .map = hcert else {
            o.decoded = false
            o.error = "no health certificate in the CWT claims"
            return o
        }
        o.decoded = true
        o.certificate = hcert
        checkContent(hcert, signedBy: message.keyID, into: &o)
        // Some issuers write times as floating-point seconds.
        func time(_ key: UInt64) -> Date? {
            switch claims[.unsigned(key)] {
            case .unsigned(let v)?: Date(timeIntervalSince1970: Double(v))
            case .double(let d)? where d.isFinite: Date(timeIntervalSince1970: d)
            default: nil
            }
        }
        o.expiresAt = time(4)
        // The validity period is checked on its own: a test may expect it to pass for a certificate
        // whose signer is not given.
        if let exp = o.expiresAt { o.notExpired = clock <= exp && (time(6).map { $0 <= clock } ?? true) }
        o.signerKnown = message.keyID.map { signers[$0] != nil } ?? false
        o.verified = verify(message)
        if o.verified != true { o.error = o.error ?? "signature does not verify" }
        return o
    }

    /// The schema and the signer's key usage, each reported on its own like the steps before.
    func checkContent(_ hcert: CBOR, signedBy kid: [UInt8]?, into o: inout Outcome) {
        do {
            let violations = DCCSchema.violations(of: try DCCJSON(hcert), valueSets: valueSets)
            o.schemaValid = violations.isEmpty
            o.schemaViolations = violations.map(\.description)
        } catch {
            o.schemaValid = false
            o.schemaViolations = ["not JSON: \(error)"]
        }
        if let kid, let usage = keyUsages[kid] {
            let types = DCCType.types(in: hcert)
            o.keyUsageAllowed = !types.isEmpty && types.allSatisfy(usage.allows)
        }
    }

    /// ES256 (raw r‖s) or PS256, with the signer named by the key id.
    func verify(_ m: COSESign1) -> Bool {
        guard let kid = m.keyID, let key = signers[kid] else { return false }
        switch (m.algorithm, key) {
        case (COSESign1.es256, .p256(let k)):
            return m.verifyES256(k)
        case (COSESign1.es256, .p384(let k)):
            // Some issuers signed with a P-384 key under the ES256 label (SHA-256 digest).
            guard let sig = try? P384.Signing.ECDSASignature(rawRepresentation: m.signature) else { return false }
            return k.isValidSignature(sig, for: SHA256.hash(data: m.toBeSigned))
        case (COSESign1.ps256, .rsa(let k)):
            return k.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: m.signature), for: m.toBeSigned, padding: .PSS)
        default:
            return false
        }
    }
}

public enum DCCError: Error, Equatable, Sendable {
    case badCertificate(String)
}
