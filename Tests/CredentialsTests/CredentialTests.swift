import Crypto
import Foundation
import Testing
@testable import Credentials

@Suite("Credential encoding")
struct EncodingTests {
    @Test("Base45 matches RFC 9285's examples and refuses what is not Base45")
    func base45() {
        #expect(Base45.encode(Array("AB".utf8)) == "BB8")
        #expect(Base45.encode(Array("Hello!!".utf8)) == "%69 VD92EX0")
        #expect(Base45.encode(Array("base-45".utf8)) == "UJCLQE7W581")
        #expect(Base45.decode("QED8WEX0").map { String(decoding: $0, as: UTF8.self) } == "ietf!")
        #expect(Base45.decode("GGW") == nil)  // 65535 + 1 does not fit in two bytes
        #expect(Base45.decode("A") == nil)
        #expect(Base45.decode("aBC") == nil)
        for n in [0, 1, 2, 3, 100, 257] {
            let bytes = (0..<n).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
            #expect(Base45.decode(Base45.encode(bytes)) == bytes)
        }
    }

    @Test("CBOR values survive a round trip, and RFC 8949 examples decode")
    func cbor() throws {
        let value = CBOR.map([
            (.unsigned(1), .text("杭州")), (.negative(-70001), .text("green")), (.unsigned(4), .unsigned(1_764_000_000)),
            (.text("list"), .array([.bool(true), .null, .bytes([1, 2, 3]), .negative(-1), .double(1.5)])), (.tagged(1, .unsigned(0)), .undefined),
        ])
        #expect(try CBOR.decode(value.encoded()) == value)
        #expect(try CBOR.decode([0x19, 0x03, 0xE8]) == .unsigned(1000))
        #expect(try CBOR.decode([0x38, 0x63]) == .negative(-100))
        #expect(try CBOR.decode([0xF9, 0x3C, 0x00]) == .double(1.0))
        #expect(try CBOR.decode([0x83, 0x01, 0x02, 0x03]) == .array([.unsigned(1), .unsigned(2), .unsigned(3)]))
        #expect(throws: CBORError.truncated) { try CBOR.decode([0x83, 0x01]) }
        #expect(throws: CBORError.trailingBytes) { try CBOR.decode([0x01, 0x02]) }
        #expect(throws: CBORError.badText) { try CBOR.decode([0x62, 0xFF, 0xFE]) }
    }

    @Test("the decoders never crash on random or truncated input (20,000 inputs)")
    func fuzz() throws {
        var g = SystemRandomNumberGenerator()
        let key = P256.Signing.PrivateKey()
        let verifier = CredentialVerifier(trustList: TrustList(keys: [TrustList.keyID(key.publicKey): key.publicKey]))
        let valid = try CredentialFixture.issue(key: key, now: Date())
        let validBytes = Array(valid.utf8)
        var refused = 0
        for i in 0..<20_000 {
            let length = Int.random(in: 0..<80, using: &g)
            let random = (0..<length).map { _ in UInt8.random(in: 0...255, using: &g) }
            _ = try? CBOR.decode(random)
            _ = Base45.decode(String(decoding: random, as: UTF8.self))
            // Truncated and mutated real credentials.
            var text = Array(validBytes.prefix(Int.random(in: 0...validBytes.count, using: &g)))
            if i % 2 == 0, !text.isEmpty { text[Int.random(in: 0..<text.count, using: &g)] = Base45.alphabet.randomElement(using: &g) ?? 48 }
            do { _ = try verifier.verify(String(decoding: text, as: UTF8.self), at: Date()) } catch { refused += 1 }
        }
        #expect(refused > 19_000)
    }
}

enum CredentialFixture {
    static func issue(
        key: P256.Signing.PrivateKey, now: Date, lifetime: TimeInterval = 300, colour: String = "green", id: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8],
        kid: [UInt8]? = nil, kind: String = "phone"
    ) throws -> String {
        try HealthCredential(
            issuer: "CN-330100", keyID: kid ?? TrustList.keyID(key.publicKey), colour: colour, subject: Array(repeating: 0xAB, count: 16),
            issuedAt: now, expiresAt: now.addingTimeInterval(lifetime), id: id, kind: kind
        ).signed(with: key)
    }
}

@Suite("Credential verification")
struct VerificationTests {
    static let key = P256.Signing.PrivateKey()
    static let now = Date(timeIntervalSince1970: 1_764_000_000)
    static var verifier: CredentialVerifier {
        CredentialVerifier(trustList: TrustList(keys: [TrustList.keyID(key.publicKey): key.publicKey], revoked: [[9, 9, 9, 9]]))
    }

    static func refusal(_ text: String, at: Date = now, verifier: CredentialVerifier = verifier) -> CredentialError? {
        do {
            _ = try verifier.verify(text, at: at)
            return nil
        } catch { return error }
    }

    @Test("a fresh code verifies and gives back its colour, subject and times, never an identity number")
    func valid() throws {
        let text = try CredentialFixture.issue(key: Self.key, now: Self.now, colour: "yellow")
        #expect(text.hasPrefix("CDN1:"))
        #expect(text.allSatisfy { "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".contains($0) })
        let c = try Self.verifier.verify(text, at: Self.now.addingTimeInterval(60))
        #expect(c.colour == "yellow")
        #expect(c.subject == Array(repeating: 0xAB, count: 16))
        #expect(c.expiresAt == Self.now.addingTimeInterval(300))
    }

    @Test("every refusal has its reason")
    func refusals() throws {
        let text = try CredentialFixture.issue(key: Self.key, now: Self.now)
        #expect(Self.refusal("HC1:" + text.dropFirst(5)) == .badPrefix)
        #expect(Self.refusal("CDN1:abc") == .badBase45)
        #expect(Self.refusal("CDN1:" + Base45.encode([0x83, 0x01])) == .badCBOR("truncated"))
        // One changed character in the signed part.
        var chars = Array(text)
        let i = chars.count / 2
        chars[i] = chars[i] == "A" ? "B" : "A"
        let changed = Self.refusal(String(chars))
        #expect(changed == .badSignature || changed?.code == "bad-cbor" || changed == .badBase45)
        // A valid signature by a key the verifier does not trust.
        let stranger = P256.Signing.PrivateKey()
        #expect(Self.refusal(try CredentialFixture.issue(key: stranger, now: Self.now)) == .unknownKey)
        // A stranger's signature under our key id.
        #expect(Self.refusal(try CredentialFixture.issue(key: stranger, now: Self.now, kid: TrustList.keyID(Self.key.publicKey))) == .badSignature)
        #expect(Self.refusal(text, at: Self.now.addingTimeInterval(300 + 61)) == .expired)
        #expect(Self.refusal(text, at: Self.now.addingTimeInterval(300 + 59)) == nil)  // within the skew
        #expect(Self.refusal(text, at: Self.now.addingTimeInterval(-61)) == .notYetValid)
        #expect(Self.refusal(try CredentialFixture.issue(key: Self.key, now: Self.now, lifetime: 40 * 86_400)) == .lifetimeTooLong)
        #expect(Self.refusal(try CredentialFixture.issue(key: Self.key, now: Self.now, lifetime: 7 * 86_400, id: [9, 9, 9, 9], kind: "paper")) == .revoked)
    }
}
