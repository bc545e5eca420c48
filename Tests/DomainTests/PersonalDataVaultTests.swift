import Domain
import Foundation
import Privacy
import Testing

@Suite("Personal-data vault")
struct PersonalDataVaultTests {
    @Test("sealing round-trips, is randomised, and the blind index is keyed and deterministic")
    func roundTrip() throws {
        let vault = PersonalDataVault(keyMaterial: .generate())
        let a = try vault.seal("330102199001011234")
        let b = try vault.seal("330102199001011234")
        #expect(a != b)
        #expect(try vault.open(a) == "330102199001011234")
        #expect(vault.blindIndex("13812345678", kind: "phone") == vault.blindIndex("13812345678", kind: "phone"))
        #expect(vault.blindIndex("13812345678", kind: "phone") != vault.blindIndex("13812345678", kind: "id"))
        let other = PersonalDataVault(keyMaterial: .generate())
        #expect(other.blindIndex("13812345678", kind: "phone") != vault.blindIndex("13812345678", kind: "phone"))
        #expect(throws: (any Error).self) { try other.open(a) }
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
        let full = Resident(id: "R1", name: "张三", idNumber: "11010519491231002X", phone: "13812345678", address: "西湖路1号")
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
