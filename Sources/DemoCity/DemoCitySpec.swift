/// How big a demo city to build. The area tree scales with the population so a grid holds
/// roughly 800–1,500 residents, as Hangzhou's unit grids do.
public struct DemoCitySpec: Sendable, Equatable {
    public var residents: Int
    public var seed: UInt64
    /// The date the city is generated "on": no one is born after it.
    public var today: Domain.CalendarDate

    public init(residents: Int, seed: UInt64, today: Domain.CalendarDate) {
        self.residents = max(1, residents)
        self.seed = seed
        self.today = today
    }

    var districts: Int { clamp(residents / 100_000, 2, 10) }
    var streetsPerDistrict: Int { clamp(residents / (districts * 40_000), 1, 20) }
    var communitiesPerStreet: Int { clamp(residents / (districts * streetsPerDistrict * 8_000), 1, 15) }
    var gridsPerCommunity: Int { clamp(residents / (districts * streetsPerDistrict * communitiesPerStreet * 1_000), 1, 12) }
}

func clamp(_ x: Int, _ lo: Int, _ hi: Int) -> Int { min(hi, max(lo, x)) }

import Domain
