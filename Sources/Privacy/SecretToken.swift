import Crypto
import Domain
import Foundation

/// Random bearer secrets (session cookies, API tokens, sign-in codes) and the hash the store keeps.
public enum SecretToken {
    /// 32 random bytes, base64url without padding.
    public static func generate() -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        return bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A six-digit SMS code, uniform over 000000–999999.
    /// A short random record id's suffix: `bytes` random bytes as lowercase hex (`RTW-3fa9…`).
    public static func shortID(_ bytes: Int) -> String {
        var g = SystemRandomNumberGenerator()
        return Hex.encode((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &g) })
    }

    public static func sixDigitCode() -> String {
        var generator = SystemRandomNumberGenerator()
        let n = Int.random(in: 0..<1_000_000, using: &generator)
        let s = String(n)
        return String(repeating: "0", count: 6 - s.count) + s
    }

    /// A one-time password to read out or hand over on paper: 15 characters from an alphabet
    /// without look-alikes (no 0/O, 1/l/I), in groups of five — 74 random bits.
    public static func oneTimePassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        let chars = (0..<15).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return [chars[0..<5], chars[5..<10], chars[10..<15]].map { String($0) }.joined(separator: "-")
    }

    /// What the store keeps instead of the secret.
    public static func hash(_ secret: String) -> Data {
        Data(SHA256.hash(data: Data(secret.utf8)))
    }
}
