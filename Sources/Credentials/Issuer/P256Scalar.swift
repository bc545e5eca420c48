/// An integer modulo the order n of P-256's group, as four 64-bit limbs, least significant first.
///
/// Only what `IssuerKeyVerifier` needs. The operations that see the private key (`times`, `plus`)
/// run in constant time: fixed loops, carries from the processor's flags, and the final reduction
/// chosen by a mask rather than a branch, so how long they take says nothing about the key.
/// `inverse` branches on its input and is used only on the public half of a signature.
struct P256Scalar: Equatable, Sendable {
    var w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    /// n = FFFFFFFF00000000 FFFFFFFFFFFFFFFF BCE6FAADA7179E84 F3B9CAC2FC632551.
    static let order = P256Scalar(w0: 0xF3B9_CAC2_FC63_2551, w1: 0xBCE6_FAAD_A717_9E84, w2: 0xFFFF_FFFF_FFFF_FFFF, w3: 0xFFFF_FFFF_0000_0000)
    /// −n⁻¹ mod 2⁶⁴, for Montgomery reduction.
    static let montgomeryFactor: UInt64 = 0xCCD1_C8AA_EE00_BC4F
    static let zero = P256Scalar(w0: 0, w1: 0, w2: 0, w3: 0)
    static let one = P256Scalar(w0: 1, w1: 0, w2: 0, w3: 0)
    /// R² mod n with R = 2²⁵⁶: R mod n doubled 256 times.
    static let rSquared: P256Scalar = {
        var x = P256Scalar.zero.minus(order)  // 2²⁵⁶ − n = R mod n, as n > 2²⁵⁵
        for _ in 0..<256 { x = x.plus(x) }
        return x
    }()

    /// A big-endian 32-byte integer; nil unless exactly 32 bytes.
    init?(bigEndian bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        var limbs = [UInt64](repeating: 0, count: 4)
        for (i, byte) in bytes.enumerated() { limbs[3 - i / 8] = limbs[3 - i / 8] << 8 | UInt64(byte) }
        self.init(w0: limbs[0], w1: limbs[1], w2: limbs[2], w3: limbs[3])
    }

    init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        (self.w0, self.w1, self.w2, self.w3) = (w0, w1, w2, w3)
    }

    var bigEndianBytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        for (i, limb) in [w3, w2, w1, w0].enumerated() {
            for j in 0..<8 { out[i * 8 + j] = UInt8(truncatingIfNeeded: limb >> (56 - 8 * UInt64(j))) }
        }
        return out
    }

    var isZero: Bool { w0 | w1 | w2 | w3 == 0 }

    /// True when below n (public values only: it branches).
    var isReduced: Bool { !P256Scalar.order.isAtMost(self) }

    /// self ≤ other, for public values.
    func isAtMost(_ other: P256Scalar) -> Bool {
        if w3 != other.w3 { return w3 < other.w3 }
        if w2 != other.w2 { return w2 < other.w2 }
        if w1 != other.w1 { return w1 < other.w1 }
        return w0 <= other.w0
    }

    /// (self − other) mod 2²⁵⁶, and whether it borrowed.
    func subtracting(_ other: P256Scalar) -> (P256Scalar, borrow: UInt64) {
        var b: UInt64 = 0
        let d0 = Self.sbb(w0, other.w0, &b), d1 = Self.sbb(w1, other.w1, &b)
        let d2 = Self.sbb(w2, other.w2, &b), d3 = Self.sbb(w3, other.w3, &b)
        return (P256Scalar(w0: d0, w1: d1, w2: d2, w3: d3), b)
    }

    /// (self − other) mod 2²⁵⁶ (only to find R mod n).
    func minus(_ other: P256Scalar) -> P256Scalar { subtracting(other).0 }

    /// (self + other) mod n, both below n. Constant time.
    func plus(_ other: P256Scalar) -> P256Scalar {
        var c: UInt64 = 0
        let s = P256Scalar(w0: Self.adc(w0, other.w0, &c), w1: Self.adc(w1, other.w1, &c), w2: Self.adc(w2, other.w2, &c), w3: Self.adc(w3, other.w3, &c))
        return s.reducedOnce(carry: c)
    }

    /// self · other · R⁻¹ mod n (Montgomery multiplication, both below n). Constant time.
    func times(_ other: P256Scalar) -> P256Scalar {
        var t = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        multiplyAndReduce(&t, by: other.w0)
        multiplyAndReduce(&t, by: other.w1)
        multiplyAndReduce(&t, by: other.w2)
        multiplyAndReduce(&t, by: other.w3)
        return P256Scalar(w0: t.0, w1: t.1, w2: t.2, w3: t.3).reducedOnce(carry: t.4)
    }

    /// One round of Montgomery multiplication: t += self·limb, then add m·n so that the lowest limb
    /// becomes zero and drop it. t stays below 2n.
    @inline(__always)
    private func multiplyAndReduce(_ t: inout (UInt64, UInt64, UInt64, UInt64, UInt64), by limb: UInt64) {
        let n = Self.order
        var c: UInt64 = 0
        (t.0, c) = Self.mac(t.0, w0, limb, 0)
        (t.1, c) = Self.mac(t.1, w1, limb, c)
        (t.2, c) = Self.mac(t.2, w2, limb, c)
        (t.3, c) = Self.mac(t.3, w3, limb, c)
        var top: UInt64 = 0
        t.4 = Self.adc(t.4, c, &top)
        let m = t.0 &* Self.montgomeryFactor
        (_, c) = Self.mac(t.0, m, n.w0, 0)
        (t.0, c) = Self.mac(t.1, m, n.w1, c)
        (t.1, c) = Self.mac(t.2, m, n.w2, c)
        (t.2, c) = Self.mac(t.3, m, n.w3, c)
        var top2: UInt64 = 0
        t.3 = Self.adc(t.4, c, &top2)
        t.4 = top &+ top2
    }

    /// self⁻¹ mod n for self in 1..<n: binary extended Euclid, stripping all trailing zero bits at
    /// once. It branches on self, so public values only (a signature's s).
    func inverse() -> P256Scalar {
        // Invariants: x1·self ≡ u and x2·self ≡ v (mod n); u and v odd after each strip.
        var u = self, v = Self.order, x1 = Self.one, x2 = Self.zero
        Self.stripTrailingZeros(&u, &x1)
        while u != Self.one && v != Self.one {
            if v.isAtMost(u) {
                u = u.minus(v)
                x1 = x1.minusModOrder(x2)
                Self.stripTrailingZeros(&u, &x1)
            } else {
                v = v.minus(u)
                x2 = x2.minusModOrder(x1)
                Self.stripTrailingZeros(&v, &x2)
            }
        }
        return u == Self.one ? x1 : x2
    }

    /// Divides u by its largest power of two 2ᵗ (u nonzero), and x by the same modulo n.
    private static func stripTrailingZeros(_ u: inout P256Scalar, _ x: inout P256Scalar) {
        while !u.isZero {
            let zeros = u.w0 != 0 ? u.w0.trailingZeroBitCount : 63
            if zeros == 0 { return }
            u = u.shiftedRight(zeros)
            x = x.dividedModOrder(byTwoToThe: zeros)
        }
    }

    /// self >> k for k in 1...63.
    private func shiftedRight(_ k: Int) -> P256Scalar {
        let l = UInt64(k), h = UInt64(64 - k)
        return P256Scalar(w0: w0 >> l | w1 << h, w1: w1 >> l | w2 << h, w2: w2 >> l | w3 << h, w3: w3 >> l)
    }

    /// self / 2ᵏ mod n for k in 1...63 (self below n): adding m·n with m = self·(−n⁻¹) mod 2ᵏ makes
    /// the low k bits zero; the sum shifted right by k is below 2n.
    private func dividedModOrder(byTwoToThe k: Int) -> P256Scalar {
        let m = (w0 &* Self.montgomeryFactor) & (UInt64.max >> UInt64(64 - k))
        let n = Self.order
        var c: UInt64 = 0
        let s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
        (s0, c) = Self.mac(w0, m, n.w0, 0)
        (s1, c) = Self.mac(w1, m, n.w1, c)
        (s2, c) = Self.mac(w2, m, n.w2, c)
        (s3, c) = Self.mac(w3, m, n.w3, c)
        let l = UInt64(k), h = UInt64(64 - k)
        let shifted = P256Scalar(w0: s0 >> l | s1 << h, w1: s1 >> l | s2 << h, w2: s2 >> l | s3 << h, w3: s3 >> l | c << h)
        return shifted.reducedOnce(carry: c >> l)
    }

    /// The value as it is when below n, else less n once (self below 2n, counting `carry` as bit 256).
    private func reducedOnce(carry: UInt64) -> P256Scalar {
        let (d, borrow) = subtracting(Self.order)
        // Keep the difference when the value had bit 256 set or did not borrow.
        let keep = 0 &- (carry | (borrow ^ 1))
        return P256Scalar(
            w0: d.w0 & keep | w0 & ~keep, w1: d.w1 & keep | w1 & ~keep, w2: d.w2 & keep | w2 & ~keep, w3: d.w3 & keep | w3 & ~keep)
    }

    /// (self − other) mod n (public values).
    private func minusModOrder(_ other: P256Scalar) -> P256Scalar {
        let (d, borrow) = subtracting(other)
        guard borrow == 1 else { return d }
        var c: UInt64 = 0
        let n = Self.order
        return P256Scalar(w0: Self.adc(d.w0, n.w0, &c), w1: Self.adc(d.w1, n.w1, &c), w2: Self.adc(d.w2, n.w2, &c), w3: Self.adc(d.w3, n.w3, &c))
    }

    /// a + b·c + carry as (low, high): never overflows 128 bits.
    @inline(__always)
    private static func mac(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ carry: UInt64) -> (UInt64, UInt64) {
        let (high, low) = b.multipliedFullWidth(by: c)
        let (s1, o1) = low.addingReportingOverflow(a)
        let (s2, o2) = s1.addingReportingOverflow(carry)
        return (s2, high &+ UInt64(o1.bit) &+ UInt64(o2.bit))
    }

    @inline(__always)
    private static func adc(_ a: UInt64, _ b: UInt64, _ carry: inout UInt64) -> UInt64 {
        let (s1, o1) = a.addingReportingOverflow(b)
        let (s2, o2) = s1.addingReportingOverflow(carry)
        carry = UInt64(o1.bit | o2.bit)
        return s2
    }

    @inline(__always)
    private static func sbb(_ a: UInt64, _ b: UInt64, _ borrow: inout UInt64) -> UInt64 {
        let (d1, o1) = a.subtractingReportingOverflow(b)
        let (d2, o2) = d1.subtractingReportingOverflow(borrow)
        borrow = UInt64(o1.bit | o2.bit)
        return d2
    }
}

extension Bool {
    /// 1 or 0, without a branch.
    @inline(__always)
    fileprivate var bit: UInt8 { unsafeBitCast(self, to: UInt8.self) }
}
