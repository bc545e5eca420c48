import Crypto
import Domain
import Foundation
import Privacy
import Testing

@Suite("Personal-data vault")
struct PersonalDataVaultTests {
    @Test("sealing round-trips, is randomised, and the blind index is keyed and deterministic")
    func roundTrip() throws {
        let vault = PersonalDataVault(keyMaterial: .generate())
        let a = try vault.seal("13812345678", as: .outboxRecipient, row: "m1")
        let b = try vault.seal("13812345678", as: .outboxRecipient, row: "m1")
        #expect(a != b)
        #expect(try vault.open(a, as: .outboxRecipient, row: "m1") == "13812345678")
        #expect(vault.blindIndex("13812345678", kind: "phone") == vault.blindIndex("13812345678", kind: "phone"))
        #expect(vault.blindIndex("13812345678", kind: "phone") != vault.blindIndex("13812345678", kind: "id"))
        let other = PersonalDataVault(keyMaterial: .generate())
        #expect(other.blindIndex("13812345678", kind: "phone") != vault.blindIndex("13812345678", kind: "phone"))
        #expect(throws: (any Error).self) { try other.open(a, as: .outboxRecipient, row: "m1") }
    }

    @Test("an envelope opens only as the field of the row it was sealed for, and names its key")
    func boundToRow() throws {
        let vault = PersonalDataVault(keyMaterial: .generate())
        let sealed = try vault.seal(Resident(id: "R1", name: "张三", phone: "13812345678"), areaPath: "/1/")
        let moved = SealedResident(
            id: "R2", name: "李四", idType: .other, identitySealed: sealed.identitySealed, idNumberIndex: nil, idNumberMasked: nil, sex: .unknown,
            birthYear: nil, phoneIndex: nil, phoneMasked: nil, householdID: nil, areaID: nil, areaPath: "/1/", compoundID: nil)
        #expect(throws: VaultError.self) { try vault.open(moved) }
        let phone = try vault.seal("13812345678", as: .outboxRecipient, row: "m1")
        #expect(throws: VaultError.self) { try vault.open(phone, as: .outboxRecipient, row: "m2") }
        #expect(throws: VaultError.self) { try vault.open(phone, as: .residentIdentity, row: "m1") }
        #expect(Array(phone.prefix(2)) == [0xCE, 0x02])
        #expect(Hex.encode(phone.dropFirst(2).prefix(4)) == vault.sealingKeyID)
    }

    @Test("an envelope of the first format (no key id, no row) opens only while the key directory says the store may hold one")
    func legacyEnvelopes() throws {
        let keys = KeyMaterial.generate()
        let legacy = try #require(try AES.GCM.seal(Data("13812345678".utf8), using: SymmetricKey(data: keys.encryption)).combined)
        var upgraded = keys
        upgraded.acceptsLegacyEnvelopes = true
        #expect(try PersonalDataVault(keyMaterial: upgraded).open(legacy, as: .outboxRecipient, row: "any") == "13812345678")
        #expect(throws: VaultError.self) { try PersonalDataVault(keyMaterial: keys).open(legacy, as: .outboxRecipient, row: "any") }
    }

    @Test("after a rotation new envelopes use the new key, old ones still open and re-seal, and a resident's clear birth date moves inside")
    func rotation() throws {
        let before = KeyMaterial.generate()
        let old = PersonalDataVault(keyMaterial: before)
        let resident = Resident(id: "R1", name: "张三", idNumber: "11010519491231002X", birthDate: CalendarDate(iso: "1949-12-31"))
        let sealed = try old.seal(resident, areaPath: "/1/")
        #expect(sealed.birthYear == 1949)
        var after = before
        after.rotated = [Data(repeating: 7, count: 32)]
        let new = PersonalDataVault(keyMaterial: after)
        #expect(new.sealingKeyID != old.sealingKeyID)
        #expect(try new.open(sealed) == resident)
        let resealed = try #require(try new.reseal(StoredEnvelope(rowID: "R1", sealed: sealed.identitySealed)))
        let original = try #require(sealed.identitySealed)
        #expect(new.isCurrent(resealed) && !new.isCurrent(original))
        #expect(try new.reseal(StoredEnvelope(rowID: "R1", sealed: resealed)) == nil)
        // A row of a store written before birth dates were sealed: the clear date goes into the envelope.
        let legacyRow = StoredEnvelope(rowID: "R1", sealed: resealed, clearBirthDate: CalendarDate(iso: "1949-12-31"))
        let withDate = try #require(try new.reseal(legacyRow))
        var stored = sealed
        stored.identitySealed = withDate
        #expect(try new.open(stored).birthDate == CalendarDate(iso: "1949-12-31"))
        // Without the rotated key the new envelope names a key this vault does not have.
        #expect(throws: VaultError.self) { try old.open(stored) }
    }

    @Test("a rotation adds a key once, resumes after a crash, and refuses keys that come from the environment")
    func rotationFile() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cordon-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try KeyMaterial.loadOrCreate(directory: dir, environment: [:])
        #expect(first.rotated.isEmpty && !first.acceptsLegacyEnvelopes)
        let started = try DataKeyFile.beginRotation(directory: dir, environment: [:])
        #expect(!started.resumed && started.ring.keys.count == 1 && started.ring.rotating)
        let again = try DataKeyFile.beginRotation(directory: dir, environment: [:])
        #expect(again.resumed && again.ring.keys == started.ring.keys)
        #expect(try KeyMaterial.loadOrCreate(directory: dir, environment: [:]).rotated == started.ring.keys)
        try DataKeyFile.finishRotation(directory: dir)
        #expect(try DataKeyFile.load(directory: dir)?.rotating == false)
        #expect(throws: VaultError.self) {
            try DataKeyFile.beginRotation(directory: dir, environment: [KeyMaterial.environmentVariable: KeyMaterial.generate().base64])
        }
        // With rotated keys in the ring file, a key from the environment would ignore them: refused.
        #expect(throws: VaultError.self) {
            try KeyMaterial.loadOrCreate(directory: dir, environment: [KeyMaterial.environmentVariable: KeyMaterial.generate().base64])
        }
        #expect(try KeyMaterial.loadOrCreate(directory: dir, environment: [:]).legacyAuditEntries == 0)
        // A key directory from before rotation existed: its store may hold envelopes of the first format,
        // and its first start records how far the unkeyed audit entries go (once).
        try FileManager.default.removeItem(at: dir.appendingPathComponent("data-keys.json"))
        let upgraded = try KeyMaterial.loadOrCreate(directory: dir, environment: [:])
        #expect(upgraded.acceptsLegacyEnvelopes && upgraded.legacyAuditEntries == nil)
        #expect(try DataKeyFile.recordAuditBoundary(directory: dir, head: 7, environment: [:]))
        #expect(try !DataKeyFile.recordAuditBoundary(directory: dir, head: 9, environment: [:]))
        let recorded = try KeyMaterial.loadOrCreate(directory: dir, environment: [:])
        #expect(recorded.legacyAuditEntries == 7 && recorded.acceptsLegacyEnvelopes)
        // A rotation begun on an upgraded store before anything else ran: the next start still records the number.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("data-keys.json"))
        _ = try DataKeyFile.beginRotation(directory: dir, environment: [:])
        #expect(try DataKeyFile.load(directory: dir)?.legacyAuditEntries == nil)
        #expect(try DataKeyFile.recordAuditBoundary(directory: dir, head: 4, environment: [:]))
        #expect(try DataKeyFile.load(directory: dir)?.legacyAuditEntries == 4 && DataKeyFile.load(directory: dir)?.keys.count == 1)
    }

    @Test("the key file is created with mode 0600, reused, and refused when others can read it")
    func keyFile() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cordon-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try KeyMaterial.loadOrCreate(directory: dir, environment: [:])
        let file = dir.appendingPathComponent("personal-data.key").path
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(try KeyMaterial.loadOrCreate(directory: dir, environment: [:]).base64 == first.base64)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect(throws: VaultError.self) { try KeyMaterial.loadOrCreate(directory: dir, environment: [:]) }
        let fromEnv = KeyMaterial.generate()
        #expect(try KeyMaterial.loadOrCreate(directory: dir, environment: [KeyMaterial.environmentVariable: fromEnv.base64]).base64 == fromEnv.base64)
        #expect(throws: VaultError.self) { try KeyMaterial.loadOrCreate(directory: dir, environment: [KeyMaterial.environmentVariable: "short"]) }
    }
}

@Suite("Identity envelope")
struct IdentityEnvelopeTests {
    @Test("a resident's protected fields seal into one envelope and open back, absent fields included")
    func roundTrip() throws {
        let vault = PersonalDataVault(keyMaterial: .generate())
        let full = Resident(id: "R1", name: "张三", idNumber: "11010519491231002X", birthDate: CalendarDate(iso: "1949-12-31"), phone: "13812345678", address: "西湖路1号")
        let sealed = try vault.seal(full, areaPath: "/1/")
        #expect(sealed.identitySealed != nil)
        #expect(sealed.idNumberMasked == "**************002X")
        #expect(try vault.open(sealed) == full)
        let partial = Resident(id: "R2", name: "李四", phone: "13812345678")
        #expect(try vault.open(try vault.seal(partial, areaPath: "/1/")) == partial)
        let none = Resident(id: "R3", name: "王五")
        let sealedNone = try vault.seal(none, areaPath: "/1/")
        #expect(sealedNone.identitySealed == nil)
        #expect(try vault.open(sealedNone) == none)
    }
}

@Suite("Second factor (TOTP)")
struct TOTPTests {
    /// RFC 6238 Appendix B, SHA-1 column (eight digits), and the same truncated to six.
    @Test("the RFC 6238 test vectors, a window of one step either side, and base32 for authenticator apps")
    func vectors() throws {
        var totp = TOTP(secret: Array("12345678901234567890".utf8))
        totp.digits = 8
        let vectors: [(TimeInterval, String)] = [
            (59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"), (1_234_567_890, "89005924"), (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ]
        for (time, code) in vectors { #expect(totp.code(at: Date(timeIntervalSince1970: time)) == code) }
        let six = TOTP(secret: Array("12345678901234567890".utf8))
        let at = Date(timeIntervalSince1970: 1_111_111_111)
        let code = six.code(at: at)
        #expect(code == "050471")
        #expect(six.matchingCounter(code, at: at) == six.counter(at: at))
        #expect(six.matchingCounter(code, at: at.addingTimeInterval(30)) == six.counter(at: at))
        #expect(six.matchingCounter(code, at: at.addingTimeInterval(90)) == nil)
        #expect(six.matchingCounter("05O471", at: at) == nil)
        #expect(Base32.encode(Array("12345678901234567890".utf8)) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        #expect(Base32.decode("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ") == Array("12345678901234567890".utf8))
        #expect(six.provisioningURI(account: "admin", issuer: "Cordon").hasPrefix("otpauth://totp/Cordon:admin?secret=GEZDGNBV"))
    }
}
