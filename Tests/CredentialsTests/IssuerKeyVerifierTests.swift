import Crypto
import Foundation
import Testing
@testable import Credentials

@Suite("Verifying with the issuer's own key")
struct IssuerKeyVerifierTests {
    static let n = P256Scalar.order

    static func scalar(_ hex: String) -> P256Scalar {
        let bytes = stride(from: 0, to: hex.count, by: 2).map { i -> UInt8 in
            let start = hex.index(hex.startIndex, offsetBy: i)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16) ?? 0
        }
        return P256Scalar(bigEndian: bytes) ?? .zero
    }

    @Test("the arithmetic modulo the group order matches values computed independently (Python's pow)")
    func arithmetic() {
        #expect(Self.n.w0 &* P256Scalar.montgomeryFactor == UInt64.max)  // n·(−n⁻¹) ≡ −1 mod 2⁶⁴
        #expect(P256Scalar.rSquared == Self.scalar("66e12d94f3d956202845b2392b6bec594699799c49bd6fa683244c95be79eea2"))
        let a = Self.scalar("1234567890abcdef1122334455667788aabbccddeeff00998877665544332211")
        #expect(a.inverse() == Self.scalar("7c0ede7a26401c487835a1a8ac1d0e1a830749baacf9fa88e8ef036dbbeba329"))
        #expect(P256Scalar(w0: 2, w1: 0, w2: 0, w3: 0).inverse() == Self.scalar("7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a9"))
        let minusOne = Self.n.minus(.one)
        #expect(minusOne.inverse() == minusOne)
        #expect(minusOne.plus(.one) == .zero)
        #expect(minusOne.plus(minusOne) == minusOne.minus(.one))
        // a · a⁻¹ · R⁻¹ · R² · R⁻¹ = 1, for values spread over the whole range.
        var g = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var x = P256Scalar(w0: g.next(), w1: g.next(), w2: g.next(), w3: g.next())
            if !x.isReduced { x = x.minus(Self.n) }
            if x.isZero { continue }
            #expect(x.times(x.inverse()).times(P256Scalar.rSquared) == .one)
            #expect(x.times(P256Scalar.rSquared).times(.one) == x)  // into Montgomery form and out
        }
    }

    @Test("accepts and refuses exactly what the public-key verification does (valid, high s, tampered, out of range)")
    func agreesWithPublicKey() throws {
        var g = SystemRandomNumberGenerator()
        var checked = 0
        for round in 0..<300 {
            let key = P256.Signing.PrivateKey()
            let verifier = IssuerKeyVerifier(key)
            let message = (0..<(round % 97 + 1)).map { _ in UInt8.random(in: 0...255, using: &g) }
            let good = Array(try key.signature(for: message).rawRepresentation)
            let r = Array(good.prefix(32)), s = Array(good.suffix(32))
            // s and n − s are both valid (ECDSA is malleable; BoringSSL accepts either).
            let highS = r + Self.n.subtracting(P256Scalar(bigEndian: s) ?? .zero).0.bigEndianBytes
            var flipped = good
            flipped[Int.random(in: 0..<64, using: &g)] ^= 1 << UInt8.random(in: 0...7, using: &g)
            var otherMessage = message
            otherMessage[0] ^= 0x80
            let other = Array(try P256.Signing.PrivateKey().signature(for: message).rawRepresentation)
            let cases: [([UInt8], [UInt8], Bool)] = [
                (good, message, true), (highS, message, true), (flipped, message, false), (good, otherMessage, false), (other, message, false),
                (r + r, message, false), (s + s, message, false),
            ]
            for (signature, signed, expected) in cases {
                let publicAnswer = try key.publicKey.isValidSignature(P256.Signing.ECDSASignature(rawRepresentation: signature), for: signed)
                #expect(publicAnswer == expected)
                #expect(verifier.isValidSignature(signature, for: signed) == publicAnswer)
                checked += 1
            }
        }
        #expect(checked == 2_100)
    }

    @Test("refuses components of zero, n or more, and signatures of the wrong length")
    func outOfRange() throws {
        let key = P256.Signing.PrivateKey()
        let verifier = IssuerKeyVerifier(key)
        let message = Array("Signature1".utf8)
        let good = Array(try key.signature(for: message).rawRepresentation)
        let r = Array(good.prefix(32)), s = Array(good.suffix(32))
        let zero = [UInt8](repeating: 0, count: 32), ones = [UInt8](repeating: 0xFF, count: 32), n = Self.n.bigEndianBytes
        for signature in [zero + s, r + zero, n + s, r + n, ones + s, r + ones, Array(good.prefix(63)), good + [0], []] {
            #expect(!verifier.isValidSignature(signature, for: message))
        }
        #expect(verifier.isValidSignature(good, for: message))
    }
}
