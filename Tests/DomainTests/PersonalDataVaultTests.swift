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
