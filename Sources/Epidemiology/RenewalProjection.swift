/// A short projection of daily cases by the renewal equation, I_t = R·Λ_t, carrying the latest
/// estimate of R forward unchanged: the mean with the posterior mean of R, the band with its 2.5 %
/// and 97.5 % quantiles. An estimate under stated assumptions (R stays as it was; no new
/// measures, no reporting delay, no chance variation beyond R's own uncertainty), not a forecast.
public enum RenewalProjection {
    public struct Day: Sendable, Equatable {
        public var mean: Double
        public var lower: Double
        public var upper: Double
    }

    public static func project(_ incidence: [Int], from estimate: ReproductionNumber.Estimate, serialInterval: SerialInterval, days: Int) -> [Day] {
        func path(_ r: Double) -> [Double] {
            var series = incidence.map(Double.init)
            var out: [Double] = []
            for _ in 0..<days {
                let t = series.count
                var lambda = 0.0
                for k in 1...t where serialInterval[k] > 0 { lambda += serialInterval[k] * series[t - k] }
                let next = r * lambda
                series.append(next)
                out.append(next)
            }
            return out
        }
        let (mean, lower, upper) = (path(estimate.mean), path(estimate.lower), path(estimate.upper))
        return (0..<days).map { Day(mean: mean[$0], lower: lower[$0], upper: upper[$0]) }
    }
}
