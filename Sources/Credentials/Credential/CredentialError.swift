/// Why a credential was refused, for the verdict screen and `cordon verify --json`.
public enum CredentialError: Error, Equatable, Sendable, CustomStringConvertible {
    case badPrefix
    case badBase45
    case badCompression
    case badCBOR(String)
    case unknownKey
    case unsupportedAlgorithm(Int64?)
    case badSignature
    case expired
    case notYetValid
    case lifetimeTooLong
    case revoked
    case badClaims(String)

    public var code: String {
        switch self {
        case .badPrefix: "bad-prefix"
        case .badBase45: "bad-base45"
        case .badCompression: "bad-compression"
        case .badCBOR: "bad-cbor"
        case .unknownKey: "unknown-key"
        case .unsupportedAlgorithm: "unsupported-algorithm"
        case .badSignature: "bad-signature"
        case .expired: "expired"
        case .notYetValid: "not-yet-valid"
        case .lifetimeTooLong: "lifetime-too-long"
        case .revoked: "revoked"
        case .badClaims: "bad-claims"
        }
    }

    public var description: String {
        switch self {
        case .badPrefix: "the text does not start with a known credential prefix"
        case .badBase45: "the text is not valid Base45"
        case .badCompression: "the payload does not decompress"
        case .badCBOR(let why): "the credential is not well-formed CBOR/COSE: \(why)"
        case .unknownKey: "signed by a key that is not in the trust list"
        case .unsupportedAlgorithm(let alg): "unsupported signature algorithm \(alg.map(String.init) ?? "none")"
        case .badSignature: "the signature does not match (forged or altered)"
        case .expired: "the credential has expired"
        case .notYetValid: "the credential is not valid yet"
        case .lifetimeTooLong: "the credential lives longer than allowed"
        case .revoked: "the credential was revoked"
        case .badClaims(let why): "the credential's claims are wrong: \(why)"
        }
    }
}
