import Crypto
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
    public static func sixDigitCode() -> String {
        var generator = SystemRandomNumberGenerator()
        let n = Int.random(in: 0..<1_000_000, using: &generator)
        let s = String(n)
        return String(repeating: "0", count: 6 - s.count) + s
    }

    /// What the store keeps instead of the secret.
    public static func hash(_ secret: String) -> Data {
        Data(SHA256.hash(data: Data(secret.utf8)))
    }
}
