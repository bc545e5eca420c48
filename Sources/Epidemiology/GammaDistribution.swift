import Foundation

/// The gamma distribution (shape `k`, scale `θ`): the serial interval's shape, and the posterior
/// of the reproduction number. Only what the estimator needs: the CDF and its inverse.
public struct GammaDistribution: Sendable, Equatable {
    public var shape: Double
    public var scale: Double

    public init(shape: Double, scale: Double) {
        precondition(shape > 0 && scale > 0, "a gamma distribution needs a positive shape and scale")
        (self.shape, self.scale) = (shape, scale)
    }

    /// Shape and scale from a mean and a standard deviation.
    public init(mean: Double, sd: Double) {
        self.init(shape: (mean / sd) * (mean / sd), scale: sd * sd / mean)
    }

    public var mean: Double { shape * scale }
    public var sd: Double { shape.squareRoot() * scale }

    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double {
        x <= 0 ? 0 : Self.regularizedLowerGamma(shape, x / scale)
    }

    /// The x with P(X ≤ x) = p, to about 1e-12 relative: bisection to bracket, then Newton steps.
    public func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "a quantile needs 0 < p < 1")
        var lo = 0.0
        var hi = max(mean, scale)
        while cdf(hi) < p { (lo, hi) = (hi, hi * 2) }
        var x = (lo + hi) / 2
        for _ in 0..<200 {
            let f = cdf(x) - p
            if f > 0 { hi = x } else { lo = x }
            let density = self.density(x)
            var next = density > 0 ? x - f / density : (lo + hi) / 2
            if !(next > lo && next < hi) { next = (lo + hi) / 2 }
            if abs(next - x) <= 1e-14 * max(1, x) { return next }
            x = next
        }
        return x
    }

    func density(_ x: Double) -> Double {
        guard x > 0 else { return 0 }
        return exp((shape - 1) * log(x) - x / scale - lgamma(shape) - shape * log(scale))
    }

    /// P(a, x), the regularized lower incomplete gamma function: its series below a + 1, the
    /// continued fraction for the upper part above (Lentz's method), as in every numerical library.
    static func regularizedLowerGamma(_ a: Double, _ x: Double) -> Double {
        if x <= 0 { return 0 }
        let logPrefix = a * log(x) - x - lgamma(a)
        if x < a + 1 {
            var term = 1 / a
            var sum = term
            var n = a
            for _ in 0..<10_000 {
                n += 1
                term *= x / n
                sum += term
                if abs(term) < abs(sum) * 1e-16 { break }
            }
            return min(1, sum * exp(logPrefix))
        }
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1..<10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return max(0, 1 - exp(logPrefix) * h)
    }
}
