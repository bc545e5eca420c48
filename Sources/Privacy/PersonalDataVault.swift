import Crypto
import Domain
import Foundation

/// Encrypts identity numbers, phones and addresses for storage, and computes their blind index.
///
/// Two independent 256-bit keys: one for AES-GCM, one for HMAC-SHA256. The blind index is keyed,
/// so the 10^10-odd possible phone numbers cannot be hashed offline to reverse it without the key.
public struct PersonalDataVault: Sendable {
    let encryptionKey: SymmetricKey
    /// HMAC state with the key already absorbed: copying it is cheaper than re-keying for every
    /// value, which matters when an import indexes millions of phones.
    let keyedMAC: HMAC<SHA256>
    /// The same with the domain tags of the two indexes an import computes for every resident.
    let idNumberMAC: HMAC<SHA256>
    let phoneMAC: HMAC<SHA256>
    /// Seals the subject of health codes; derived, so a code never carries anything sealed with the
    /// key that protects identity numbers at rest.
    let subjectKey: SymmetricKey

    public init(keyMaterial: KeyMaterial) {
        self.encryptionKey = SymmetricKey(data: keyMaterial.encryption)
        self.keyedMAC = HMAC<SHA256>(key: SymmetricKey(data: keyMaterial.index))
        self.idNumberMAC = Self.tagged(keyedMAC, kind: "id")
        self.phoneMAC = Self.tagged(keyedMAC, kind: "phone")
        self.subjectKey = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array("credential-subject".utf8), using: encryptionKey))
    }

    private static func tagged(_ mac: HMAC<SHA256>, kind: String) -> HMAC<SHA256> {
        var mac = mac
        mac.update(data: Array(kind.utf8) + [0])
        return mac
    }

    /// AES-GCM sealed box in combined form (nonce ‖ ciphertext ‖ tag).
    public func seal(_ text: String) throws -> Data {
        guard let combined = try AES.GCM.seal(Data(text.utf8), using: encryptionKey).combined else {
            throw VaultError.sealFailed
        }
        return combined
    }

    public func open(_ sealed: Data) throws -> String {
        let box = try AES.GCM.SealedBox(combined: sealed)
        let plain = try AES.GCM.open(box, using: encryptionKey)
        return String(decoding: plain, as: UTF8.self)
    }

    /// HMAC-SHA256 of the value under a domain tag (`phone`, `id`), so equal values of different
    /// kinds differ, truncated to 128 bits: ample for exact look-ups among billions of values, and
    /// half the index size of the full tag.
    public func blindIndex(_ value: String, kind: String) -> Data {
        switch kind {
        case "id": Self.finish(idNumberMAC, value)
        case "phone": Self.finish(phoneMAC, value)
        default: Self.finish(Self.tagged(keyedMAC, kind: kind), value)
        }
    }

    private static func finish(_ tagged: HMAC<SHA256>, _ value: String) -> Data {
        var mac = tagged
        var value = value
        value.withUTF8 { mac.update(data: UnsafeRawBufferPointer($0)) }
        return mac.finalize().withUnsafeBytes { Data($0.prefix(16)) }
    }

    /// The stored form of a validated resident. One envelope holds the three protected fields:
    /// one AES-GCM operation per resident instead of three is most of an import's speed.
    public func seal(_ r: Resident, areaPath: String) throws -> SealedResident {
        let envelope = IdentityEnvelope(idNumber: r.idNumber, phone: r.phone, address: r.address)
        return SealedResident(
            id: r.id, name: r.name, idType: r.idType,
            identitySealed: envelope.isEmpty ? nil : try seal(envelope.encoded()),
            idNumberIndex: r.idNumber.map { blindIndex($0, kind: "id") }, idNumberMasked: r.idNumber.map(Masking.idNumber),
            sex: r.sex, birthDate: r.birthDate,
            phoneIndex: r.phone.map { blindIndex($0, kind: "phone") }, phoneMasked: r.phone.map(Masking.phone),
            householdID: r.householdID, areaID: r.areaID, areaPath: areaPath, compoundID: r.compoundID)
    }

    /// Decrypts a stored resident, for the one screen that shows a full record to a permitted reader.
    public func open(_ s: SealedResident) throws -> Resident {
        let envelope = try s.identitySealed.map { try IdentityEnvelope(decoding: openBytes($0)) } ?? IdentityEnvelope()
        return Resident(
            id: s.id, name: s.name, idType: s.idType, idNumber: envelope.idNumber, sex: s.sex, birthDate: s.birthDate,
            phone: envelope.phone, householdID: s.householdID, areaID: s.areaID, compoundID: s.compoundID, address: envelope.address)
    }

    func seal(_ bytes: [UInt8]) throws -> Data {
        guard let combined = try AES.GCM.seal(bytes, using: encryptionKey).combined else { throw VaultError.sealFailed }
        return combined
    }

    func openBytes(_ sealed: Data) throws -> [UInt8] {
        Array(try AES.GCM.open(try AES.GCM.SealedBox(combined: sealed), using: encryptionKey))
    }
}

/// Failures of the vault.
public enum VaultError: Error, CustomStringConvertible {
    case sealFailed
    case badKeyFile(String)
    case corruptEnvelope(String)

    public var description: String {
        switch self {
        case .sealFailed: "encryption failed"
        case .badKeyFile(let why): why
        case .corruptEnvelope(let why): "stored identity envelope: \(why)"
        }
    }
}
