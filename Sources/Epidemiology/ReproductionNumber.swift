/// The instantaneous reproduction number R_t by the method of Cori et al. (2013), "A new framework
/// and software to estimate time-varying reproduction numbers during epidemics" (Am J Epidemiol
/// 178:1505), as EpiEstim computes it: over a window of τ days ending on day t, with a gamma prior
/// (shape a, scale b) and Poisson incidence I_s ~ Poisson(R·Λ_s), the posterior of R is gamma with
/// shape a + Σ I_s and scale 1 / (1/b + Σ Λ_s).
public struct ReproductionNumber: Sendable, Equatable {
    public struct Settings: Sendable, Equatable {
        public var windowDays: Int
        public var priorShape: Double
        public var priorScale: Double
        /// No estimate for a window holding fewer cases: the prior would speak, not the data.
        public var minimumCases: Int

        public init(windowDays: Int = 7, priorShape: Double = 1, priorScale: Double = 5, minimumCases: Int = 12) {
            (self.windowDays, self.priorShape, self.priorScale, self.minimumCases) = (windowDays, priorShape, priorScale, minimumCases)
        }
    }

    /// The estimate for the window ending on day `end` (an index into the incidence).
    public struct Estimate: Sendable, Equatable {
        public var end: Int
        public var posterior: GammaDistribution
        public var mean: Double { posterior.mean }
        public var sd: Double { posterior.sd }
        public var lower: Double { posterior.quantile(0.025) }
        public var upper: Double { posterior.quantile(0.975) }
    }

    /// One estimate per window ending on each day from the window's second day on (the first day's
    /// cases have no earlier cases to have caught it from), skipping windows with too few cases or
    /// ending before the serial interval's mean.
    public static func estimates(_ incidence: [Int], serialInterval: SerialInterval, settings: Settings = Settings()) -> [Estimate] {
        let lambda = serialInterval.infectivity(incidence)
        let siMean = serialInterval.weights.enumerated().reduce(0) { $0 + Double($1.offset) * $1.element }
        var out: [Estimate] = []
        let first = settings.windowDays  // the window [1, τ] in 0-based days
        guard incidence.count > first else { return [] }
        for end in first..<incidence.count where Double(end + 1) > siMean {
            let start = end - settings.windowDays + 1
            let cases = incidence[start...end].reduce(0, +)
            guard cases >= settings.minimumCases else { continue }
            let pressure = lambda[start...end].reduce(0, +)
            let shape = settings.priorShape + Double(cases)
            let scale = 1 / (1 / settings.priorScale + pressure)
            out.append(Estimate(end: end, posterior: GammaDistribution(shape: shape, scale: scale)))
        }
        return out
    }
}
