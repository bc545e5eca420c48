import Foundation
import Testing
@testable import Epidemiology

/// The Cori et al. (2013) estimator against numbers computed elsewhere: EpiEstim's own saved test
/// output for its Flu2009 data set, and an exponential epidemic whose R follows in closed form.
@Suite("Reproduction number (Cori et al. 2013)")
struct ReproductionNumberTests {
    /// `data(Flu2009)` in EpiEstim: 2009 H1N1 in a Pennsylvania school, daily onsets from 2009-04-27.
    static let flu2009 = [1, 1, 0, 2, 5, 3, 3, 3, 6, 2, 5, 9, 13, 12, 13, 11, 12, 6, 6, 6, 3, 1, 0, 2, 0, 0, 0, 0, 2, 0, 2, 0]

    /// mrc-ide/EpiEstim 3.0.0 (commit 4029826), tests/testthat/_snaps/estimate_R.md, "Example 3":
    /// `estimate_R(Flu2009$incidence, method = "parametric_si", config = list(t_start = 2:26, t_end = 8:32,
    /// mean_si = 2.6, std_si = 1.5))` — t_end, Mean(R), Std(R), Quantile.0.025(R), Quantile.0.975(R).
    static let example3: [(end: Int, mean: Double, sd: Double, lower: Double, upper: Double)] = [
        (8, 1.7357977, 0.40913143, 1.02874370, 2.6247813), (9, 1.7491678, 0.36472669, 1.10882231, 2.5331192),
        (10, 1.5370581, 0.30741163, 0.99470299, 2.1955399), (11, 1.4318389, 0.27059213, 0.95144658, 2.0088487),
        (12, 1.4227247, 0.25150457, 0.97314263, 1.9563365), (13, 1.6353733, 0.25234358, 1.17863324, 2.1657455),
        (14, 1.6639845, 0.23300443, 1.23894574, 2.1507413), (15, 1.6161467, 0.20692639, 1.23622420, 2.0461979),
        (16, 1.4344239, 0.17656537, 1.10938331, 1.8005896), (17, 1.4087217, 0.16159146, 1.10991245, 1.7426100),
        (18, 1.2479472, 0.14221678, 0.98486038, 1.5417063), (19, 1.0821477, 0.12579711, 0.84971868, 1.3422512),
        (20, 0.9371671, 0.11449319, 0.72629165, 1.1745108), (21, 0.8196564, 0.10762616, 0.62239946, 1.0436503),
        (22, 0.6910352, 0.10188759, 0.50592464, 0.9045582), (23, 0.5896765, 0.09967353, 0.41073132, 0.8004706),
        (24, 0.4992206, 0.09984413, 0.32306927, 0.7130887), (25, 0.4729631, 0.10850519, 0.28475471, 0.7081443),
        (26, 0.4176319, 0.11583024, 0.22237137, 0.6734020), (27, 0.2978682, 0.11258359, 0.11975846, 0.5557145),
        (28, 0.2400880, 0.12004401, 0.06541591, 0.5262293), (29, 0.4573477, 0.20453212, 0.14849956, 0.9367934),
        (30, 0.6734382, 0.30117074, 0.21866356, 1.3794155), (31, 0.8591897, 0.38424130, 0.27897655, 1.7598935),
        (32, 0.9975352, 0.44611130, 0.32389696, 2.0432690),
    ]

    static func close(_ a: Double, _ b: Double, _ relative: Double = 2e-7) -> Bool { abs(a - b) <= relative * max(abs(b), 1e-3) }

    @Test("the serial interval is discretised as EpiEstim's discr_si (its published values for mean 2.6, sd 1.5)")
    func discretisation() {
        let si = SerialInterval.discretisedGamma(mean: 2.6, sd: 1.5, days: 21)
        let published = [0, 2.331721e-01, 3.585794e-01, 1.981108e-01, 1.033427e-01, 5.290518e-02, 2.682146e-02, 1.351620e-02, 6.783438e-03, 3.394351e-03, 1.694674e-03]
        for (k, w) in published.enumerated() { #expect(Self.close(si[k], w, 1e-6), "w[\(k)] = \(si[k]), published \(w)") }
    }

    @Test("Flu2009 with weekly windows: every window's mean, sd and 95 % interval as EpiEstim saved them")
    func flu2009() {
        let si = SerialInterval.discretisedGamma(mean: 2.6, sd: 1.5, days: Self.flu2009.count)
        let estimates = ReproductionNumber.estimates(Self.flu2009, serialInterval: si, settings: .init(minimumCases: 0))
        #expect(estimates.map { $0.end + 1 } == Self.example3.map(\.end))
        for (e, want) in zip(estimates, Self.example3) {
            #expect(Self.close(e.mean, want.mean) && Self.close(e.sd, want.sd), "window ending \(want.end): \(e.mean) ± \(e.sd)")
            #expect(Self.close(e.lower, want.lower) && Self.close(e.upper, want.upper), "window ending \(want.end): [\(e.lower), \(e.upper)]")
        }
        // With the default of at least 12 cases in the window, the tail of the outbreak is not estimated.
        let defaults = ReproductionNumber.estimates(Self.flu2009, serialInterval: si)
        #expect(defaults.first?.end == 7 && defaults.allSatisfy { e in Self.flu2009[(e.end - 6)...e.end].reduce(0, +) >= 12 })
        #expect(defaults.count < estimates.count)
    }

    @Test("an epidemic growing at 10 % a day has R = 1 / Σ w_k e^(−rk) (Euler–Lotka); a flat one has R = 1")
    func exponentialGrowth() {
        let si = SerialInterval.discretisedGamma(mean: 4.7, sd: 2.9, days: 60)
        let r = 0.1
        let growing = (0..<60).map { Int((1_000_000 * exp(r * Double($0))).rounded()) }
        let expected = 1 / (1..<60).reduce(0.0) { $0 + si[$1] * exp(-r * Double($1)) }
        let late = ReproductionNumber.estimates(growing, serialInterval: si).filter { $0.end >= 45 }
        #expect(!late.isEmpty && late.allSatisfy { Self.close($0.mean, expected, 1e-5) })
        #expect(expected > 1.5 && expected < 1.7)
        let flat = Array(repeating: 1_000_000, count: 60)
        #expect(ReproductionNumber.estimates(flat, serialInterval: si).filter { $0.end >= 45 }.allSatisfy { Self.close($0.mean, 1 / si.weights.reduce(0, +), 1e-5) })
    }

    @Test("the projection by the renewal equation carries R forward: growth goes on at the same rate; R's interval makes the band")
    func projection() throws {
        let si = SerialInterval.discretisedGamma(mean: 4.7, sd: 2.9, days: 60)
        let growing = (0..<60).map { Int((1_000_000 * exp(0.1 * Double($0))).rounded()) }
        let last = try #require(ReproductionNumber.estimates(growing, serialInterval: si).last)
        let days = RenewalProjection.project(growing, from: last, serialInterval: si, days: 7)
        #expect(days.count == 7)
        let lastCases = Double(growing[59])
        for (i, d) in days.enumerated() {
            #expect(Self.close(d.mean, lastCases * exp(0.1 * Double(i + 1)), 1e-3))
            #expect(d.lower < d.mean && d.mean < d.upper)
        }
    }

    @Test("the gamma quantile inverts the CDF")
    func gammaQuantile() {
        for (shape, scale) in [(1.0, 5.0), (18.0, 0.0964332), (0.5, 2.0), (400.0, 0.01)] {
            let g = GammaDistribution(shape: shape, scale: scale)
            for p in [0.025, 0.5, 0.975] { #expect(abs(g.cdf(g.quantile(p)) - p) < 1e-10) }
        }
        #expect(Self.close(GammaDistribution(shape: 1, scale: 5).quantile(0.5), 5 * log(2.0), 1e-10))
    }
}
