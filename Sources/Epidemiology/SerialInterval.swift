/// The serial interval: days from a case's onset to the onsets of the people they infected, as
/// probabilities for 0, 1, 2… days (0 days: never). The outbreak profile gives its mean and sd.
public struct SerialInterval: Sendable, Equatable {
    /// w[k]: the probability that the interval is k days; w[0] = 0.
    public var weights: [Double]

    public init(weights: [Double]) { self.weights = weights }

    /// A gamma distribution shifted by one day, discretised over `days` days exactly as EpiEstim's
    /// `discr_si` does (Cori et al. 2013, web appendix 11), not renormalised:
    /// w_k = k·F(k) + (k−2)·F(k−2) − 2(k−1)·F(k−1) + a·b·(2·G(k−1) − G(k−2) − G(k)), at least 0,
    /// with F the gamma CDF of shape a = ((μ−1)/σ)², scale b = σ²/(μ−1), and G that of shape a + 1.
    public static func discretisedGamma(mean: Double, sd: Double, days: Int) -> SerialInterval {
        precondition(mean > 1 && sd > 0, "the serial interval's mean must exceed one day")
        let a = ((mean - 1) / sd) * ((mean - 1) / sd)
        let b = sd * sd / (mean - 1)
        let f = GammaDistribution(shape: a, scale: b)
        let g = GammaDistribution(shape: a + 1, scale: b)
        let weights = (0..<days).map { k -> Double in
            let k = Double(k)
            let w = k * f.cdf(k) + (k - 2) * f.cdf(k - 2) - 2 * (k - 1) * f.cdf(k - 1) + a * b * (2 * g.cdf(k - 1) - g.cdf(k - 2) - g.cdf(k))
            return max(0, w)
        }
        return SerialInterval(weights: weights)
    }

    public subscript(k: Int) -> Double { k >= 0 && k < weights.count ? weights[k] : 0 }

    /// Λ_t = Σ_{k≥1} w_k·I_{t−k}: how much infection the cases before day t exert on it.
    public func infectivity(_ incidence: [Int]) -> [Double] {
        incidence.indices.map { t in
            var sum = 0.0
            for k in 1...max(1, t) where k <= t { sum += self[k] * Double(incidence[t - k]) }
            return sum
        }
    }
}
