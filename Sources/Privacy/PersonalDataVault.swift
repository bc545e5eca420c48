import Crypto
import Domain
import Foundation

/// Encrypts identity numbers, phones and addresses for storage, and computes their blind index.
///
/// Two independent 256-bit keys: one for AES-GCM, one for HMAC-SHA256. The blind index is keyed,
/// so the 10^10-odd possible phone numbers cannot be hashed offline to reverse it without the key.
public struct PersonalDataVault: Sendable {
    /// The encryption keys by their 4-byte id; `sealing` is the newest.
    let keys: [DataKeyID: SymmetricKey]
    let sealing: (id: DataKeyID, key: SymmetricKey)
    /// The first encryption key, for envelopes of the first format (no key id, no row binding), or
    /// nil once the store holds none (see `KeyMaterial.acceptsLegacyEnvelopes`).
    let legacyKey: SymmetricKey?
    /// HMAC state with the key already absorbed: copying it is cheaper than re-keying for every
    /// value, which matters when an import indexes millions of phones.
    let keyedMAC: HMAC<SHA256>
    /// The same with the domain tags of the two indexes an import computes for every resident.
    let idNumberMAC: HMAC<SHA256>
    let phoneMAC: HMAC<SHA256>
    /// Seals the subject of health codes; derived, so a code never carries anything sealed with the
    /// key that protects identity numbers at rest.
    let subjectKey: SymmetricKey
    /// The audit chain's keys, derived from the index key (which rotation never changes).
    public let auditChainHasher: KeyedAuditChainHasher

    public init(keyMaterial: KeyMaterial) {
        var keys: [DataKeyID: SymmetricKey] = [:]
        var newest: (id: DataKeyID, key: SymmetricKey)? = nil
        for raw in [keyMaterial.encryption] + keyMaterial.rotated {
            let key = SymmetricKey(data: raw)
            let id = DataKeyID(of: raw)
            keys[id] = key
            newest = (id, key)
        }
        self.keys = keys
        let first = SymmetricKey(data: keyMaterial.encryption)
        self.sealing = newest ?? (DataKeyID(of: keyMaterial.encryption), first)
        self.legacyKey = keyMaterial.acceptsLegacyEnvelopes ? first : nil
        self.keyedMAC = HMAC<SHA256>(key: SymmetricKey(data: keyMaterial.index))
        self.idNumberMAC = Self.tagged(keyedMAC, kind: "id")
        self.phoneMAC = Self.tagged(keyedMAC, kind: "phone")
        self.subjectKey = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array("credential-subject".utf8), using: first))
        self.auditChainHasher = KeyedAuditChainHasher(keyMaterial: keyMaterial)
    }

    private static func tagged(_ mac: HMAC<SHA256>, kind: String) -> HMAC<SHA256> {
        var mac = mac
        mac.update(data: Array(kind.utf8) + [0])
        return mac
    }

    /// The id of the key that seals new envelopes.
    public var sealingKeyID: String { sealing.id.description }

    /// Seals `text` as the given field of the given row.
    public func seal(_ text: String, as field: SealedField, row: String) throws -> Data {
        try seal(Array(text.utf8), as: field, row: row)
    }

    public func open(_ sealed: Data, as field: SealedField, row: String) throws -> String {
        String(decoding: try openBytes(sealed, as: field, row: row), as: UTF8.self)
    }

    /// Envelope format 2: `CE 02`, the sealing key's 4-byte id, then AES-GCM's nonce, ciphertext and
    /// tag. The field and the row id are authenticated as associated data, so a ciphertext copied
    /// into another row, or into another column, does not open.
    func seal(_ bytes: [UInt8], as field: SealedField, row: String) throws -> Data {
        guard let combined = try AES.GCM.seal(bytes, using: sealing.key, authenticating: Self.associatedData(field, row)).combined else {
            throw VaultError.sealFailed
        }
        return Data(Self.formatMarker + sealing.id.bytes) + combined
    }

    func openBytes(_ sealed: Data, as field: SealedField, row: String) throws -> [UInt8] {
        let bytes = [UInt8](sealed)
        if bytes.count >= 6 + 28, Array(bytes[0..<2]) == Self.formatMarker {
            let id = DataKeyID(bytes: Array(bytes[2..<6]))
            if let key = keys[id] {
                let box = try AES.GCM.SealedBox(combined: Data(bytes[6...]))
                do {
                    return Array(try AES.GCM.open(box, using: key, authenticating: Self.associatedData(field, row)))
                } catch {
                    // An old envelope's random nonce may begin like a new one (one chance in 2^48).
                    guard legacyKey != nil else { throw VaultError.wrongRow(field: field.rawValue, row: row) }
                }
            } else if legacyKey == nil {
                throw VaultError.unknownKey(id.description)
            }
        }
        guard let legacyKey else { throw VaultError.wrongRow(field: field.rawValue, row: row) }
        return Array(try AES.GCM.open(try AES.GCM.SealedBox(combined: sealed), using: legacyKey))
    }

    /// Whether an envelope is in format 2 under the sealing key (so rotation can skip it).
    public func isCurrent(_ sealed: Data) -> Bool {
        sealed.count > 6 && Array(sealed.prefix(2)) == Self.formatMarker && Array(sealed.dropFirst(2).prefix(4)) == sealing.id.bytes
    }

    static let formatMarker: [UInt8] = [0xCE, 0x02]

    static func associatedData(_ field: SealedField, _ row: String) -> [UInt8] {
        Array("cordon-envelope-2".utf8) + [0] + Array(field.rawValue.utf8) + [0] + Array(row.utf8)
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

    /// The stored form of a validated resident. One envelope holds the protected fields (identity
    /// number, phone, address, birth date): one AES-GCM operation per resident instead of four is most
    /// of an import's speed. Only the birth year stays in clear, for the rules and pages that need an age.
    public func seal(_ r: Resident, areaPath: String) throws -> SealedResident {
        let envelope = IdentityEnvelope(idNumber: r.idNumber, phone: r.phone, address: r.address, birthDate: r.birthDate)
        return SealedResident(
            id: r.id, name: r.name, idType: r.idType,
            identitySealed: envelope.isEmpty ? nil : try seal(envelope.encoded(), as: .residentIdentity, row: r.id),
            idNumberIndex: r.idNumber.map { blindIndex($0, kind: "id") }, idNumberMasked: r.idNumber.map(Masking.idNumber),
            sex: r.sex, birthYear: r.birthDate?.year,
            phoneIndex: r.phone.map { blindIndex($0, kind: "phone") }, phoneMasked: r.phone.map(Masking.phone),
            householdID: r.householdID, areaID: r.areaID, areaPath: areaPath, compoundID: r.compoundID, building: r.building)
    }

    /// Decrypts a stored resident, for the one screen that shows a full record to a permitted reader.
    public func open(_ s: SealedResident) throws -> Resident {
        let envelope = try s.identitySealed.map { try IdentityEnvelope(decoding: openBytes($0, as: .residentIdentity, row: s.id)) } ?? IdentityEnvelope()
        return Resident(
            id: s.id, name: s.name, idType: s.idType, idNumber: envelope.idNumber, sex: s.sex, birthDate: envelope.birthDate ?? s.clearBirthDate,
            phone: envelope.phone, householdID: s.householdID, areaID: s.areaID, compoundID: s.compoundID, address: envelope.address,
            building: s.building)
    }

    /// A resident's envelope sealed again under the sealing key, with a birth date still kept in
    /// clear moved inside; nil when it already is.
    public func reseal(_ row: StoredEnvelope) throws -> Data? {
        if row.clearBirthDate == nil, row.sealed.map(isCurrent) ?? true { return nil }
        var envelope = try row.sealed.map { try IdentityEnvelope(decoding: openBytes($0, as: .residentIdentity, row: row.rowID)) } ?? IdentityEnvelope()
        envelope.birthDate = envelope.birthDate ?? row.clearBirthDate
        return try seal(envelope.encoded(), as: .residentIdentity, row: row.rowID)
    }

    /// Any other sealed field (an outbox recipient) sealed again under the sealing key; nil when it already is.
    public func reseal(_ sealed: Data, as field: SealedField, row: String) throws -> Data? {
        isCurrent(sealed) ? nil : try seal(try openBytes(sealed, as: field, row: row), as: field, row: row)
    }
}

/// The first four bytes of a key's SHA-256: names the key in envelopes without revealing it.
struct DataKeyID: Hashable, Sendable, CustomStringConvertible {
    let bytes: [UInt8]
    init(bytes: [UInt8]) { self.bytes = bytes }
    init(of key: Data) { bytes = Array(SHA256.hash(data: Array("cordon data key".utf8) + [UInt8](key)).prefix(4)) }
    var description: String { Hex.encode(bytes) }
}

/// Failures of the vault.
public enum VaultError: Error, CustomStringConvertible {
    case sealFailed
    case badKeyFile(String)
    case corruptEnvelope(String)
    /// The envelope does not open as this field of this row: it was copied from elsewhere, or it
    /// predates format 2 in a store that no longer accepts that.
    case wrongRow(field: String, row: String)
    case unknownKey(String)

    public var description: String {
        switch self {
        case .sealFailed: "encryption failed"
        case .badKeyFile(let why): why
        case .corruptEnvelope(let why): "stored identity envelope: \(why)"
        case .wrongRow(let field, let row): "the sealed \(field) of \(row) does not open as that row's: copied from another row, or sealed before envelopes were bound to rows"
        case .unknownKey(let id): "sealed with data key \(id), which is not in the key directory"
        }
    }
}
