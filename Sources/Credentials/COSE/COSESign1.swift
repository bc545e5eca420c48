import Crypto

/// COSE_Sign1 (RFC 9052 §4.2): one signer, the signature over the protected header and the payload.
public struct COSESign1: Sendable, Equatable {
    public static let tag: UInt64 = 18
    /// Header labels and the algorithm ids used here.
    public static let algLabel: CBOR = .unsigned(1)
    public static let kidLabel: CBOR = .unsigned(4)
    public static let es256: Int64 = -7
    public static let ps256: Int64 = -37

    /// The protected header exactly as encoded (it is signed as bytes).
    public let protected: [UInt8]
    /// The same, decoded once (the key id and the algorithm are read from it for every scan); an
    /// empty map when absent or unreadable, so that neither is found there.
    public let protectedHeader: CBOR
    public var unprotected: CBOR
    public var payload: [UInt8]
    public var signature: [UInt8]

    public init(protected: [UInt8], unprotected: CBOR, payload: [UInt8], signature: [UInt8]) {
        self.protected = protected
        self.protectedHeader = (try? CBOR.decode(protected)) ?? .map([])
        self.unprotected = unprotected
        self.payload = payload
        self.signature = signature
    }

    /// The key id, from the protected header or else the unprotected one.
    public var keyID: [UInt8]? { protectedHeader[Self.kidLabel]?.bytesValue ?? unprotected[Self.kidLabel]?.bytesValue }

    public var algorithm: Int64? { protectedHeader[Self.algLabel]?.int64 ?? unprotected[Self.algLabel]?.int64 }

    /// The bytes that are signed: `["Signature1", protected, external_aad, payload]`.
    public var toBeSigned: [UInt8] {
        CBOR.array([.text("Signature1"), .bytes(protected), .bytes([]), .bytes(payload)]).encoded()
    }

    public func encoded() -> [UInt8] {
        CBOR.tagged(Self.tag, .array([.bytes(protected), unprotected, .bytes(payload), .bytes(signature)])).encoded()
    }

    /// Reads a COSE_Sign1 (tagged or not).
    public init(decoding bytes: [UInt8]) throws(CredentialError) {
        let value: CBOR
        do { value = try CBOR.decode(bytes) } catch { throw .badCBOR("\(error)") }
        var body = value
        if case .tagged(let tag, let inner) = value {
            guard tag == Self.tag else { throw .badCBOR("tag \(tag) is not COSE_Sign1 (18)") }
            body = inner
        }
        guard case .array(let parts) = body, parts.count == 4, let protected = parts[0].bytesValue, let payload = parts[2].bytesValue,
            let signature = parts[3].bytesValue
        else { throw .badCBOR("not a COSE_Sign1 structure") }
        guard case .map = parts[1] else { throw .badCBOR("unprotected header is not a map") }
        self.init(protected: protected, unprotected: parts[1], payload: payload, signature: signature)
    }

    /// Signs `payload` with ES256 under `keyID`.
    public static func sign(payload: [UInt8], keyID: [UInt8], with key: P256.Signing.PrivateKey) throws -> COSESign1 {
        let protected = CBOR.map([(algLabel, .int(es256)), (kidLabel, .bytes(keyID))]).encoded()
        var message = COSESign1(protected: protected, unprotected: .map([]), payload: payload, signature: [])
        message.signature = Array(try key.signature(for: message.toBeSigned).rawRepresentation)
        return message
    }

    /// True when the ES256 signature (raw r‖s) holds for `key`.
    public func verifyES256(_ key: P256.Signing.PublicKey) -> Bool {
        guard signature.count == 64, let sig = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
        return key.isValidSignature(sig, for: toBeSigned)
    }

    /// The same, for a key whose private half is held here.
    public func verifyES256(_ issuer: IssuerKeyVerifier) -> Bool {
        issuer.isValidSignature(signature, for: toBeSigned)
    }
}
