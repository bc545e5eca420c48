import Domain
import Epidemiology
import Foundation

/// The reproduction number of the city's outbreak, for anyone to recompute (DESIGN §5,
/// "Reproduction number"): daily confirmed cases by onset day (the day of the first positive
/// sample where no onset is recorded), R_t by Cori et al. (2013) over the profile's window, and a
/// short projection by the renewal equation. Cached with the other public figures.
public struct ReproductionNumberService: Sendable {
    let profiles: ProfileStore
    let clock: WallClock
    let publicCache: PublicCache
    let caseList: CaseList

    /// `GET /open-data/rt.json`, as documented.
    public struct Document: Sendable, Codable, Equatable {
        public struct SerialIntervalParameters: Sendable, Codable, Equatable {
            public var mean: Double
            public var sd: Double
        }

        public struct Prior: Sendable, Codable, Equatable {
            public var shape: Double
            public var scale: Double
        }

        public struct Incidence: Sendable, Codable, Equatable {
            public var day: String
            public var cases: Int
        }

        public struct Estimate: Sendable, Codable, Equatable {
            public var day: String
            public var mean: Double
            public var lower: Double
            public var upper: Double
        }

        public var method = "cori2013"
        public var windowDays: Int
        public var serialInterval: SerialIntervalParameters
        public var prior: Prior
        public var incidence: [Incidence]
        public var estimates: [Estimate]
        public var projection: [Estimate]
    }

    public func current() async throws -> Document {
        try await publicCache.value("rt") { try await compute() }
    }

    func compute() async throws -> Document {
        let rules = profiles.profile.epidemiology
        let offset = profiles.profile.colours.dayOffsetMinutes
        let today = CalendarDate(localDayOf: clock.now(), offsetMinutes: offset).daysSinceEpoch
        let days = try await caseList.confirmed().map { c in
            c.facts.onset.map { CalendarDate(localDayOf: $0, offsetMinutes: offset).daysSinceEpoch } ?? c.day.daysSinceEpoch
        }
        var document = Document(
            windowDays: rules.windowDays, serialInterval: .init(mean: rules.serialIntervalMean, sd: rules.serialIntervalSD),
            prior: .init(shape: rules.priorShape, scale: rules.priorScale), incidence: [], estimates: [], projection: [])
        guard let first = days.min() else { return document }
        let last = max(today, days.max() ?? today)
        var incidence = Array(repeating: 0, count: last - first + 1)
        for d in days { incidence[d - first] += 1 }
        func day(_ i: Int) -> String { CalendarDate(daysSinceEpoch: first + i).description }
        document.incidence = incidence.indices.map { .init(day: day($0), cases: incidence[$0]) }

        let serialInterval = SerialInterval.discretisedGamma(mean: rules.serialIntervalMean, sd: rules.serialIntervalSD, days: max(incidence.count, 60))
        let settings = ReproductionNumber.Settings(
            windowDays: rules.windowDays, priorShape: rules.priorShape, priorScale: rules.priorScale, minimumCases: rules.minimumCases)
        let estimates = ReproductionNumber.estimates(incidence, serialInterval: serialInterval, settings: settings)
        document.estimates = estimates.map { .init(day: day($0.end), mean: $0.mean, lower: $0.lower, upper: $0.upper) }
        // Projected from the last day only when its window was estimated: an older R says nothing of now.
        if let latest = estimates.last, latest.end == incidence.count - 1, rules.projectionDays > 0 {
            let projected = RenewalProjection.project(incidence, from: latest, serialInterval: serialInterval, days: rules.projectionDays)
            document.projection = projected.indices.map { .init(day: day(incidence.count + $0), mean: projected[$0].mean, lower: projected[$0].lower, upper: projected[$0].upper) }
        }
        return document
    }
}
