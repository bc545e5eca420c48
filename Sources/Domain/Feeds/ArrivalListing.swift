import Foundation

/// The daily arrivals list (000: 卫健部门每天掌握从武汉来杭人员信息): which arrivals to list.
public struct ArrivalFilter: Sendable, Equatable {
    /// Arrived at or after `from`, before `to`.
    public var from: Date
    public var to: Date
    /// Only from this region code; nil for all.
    public var region: String?

    public init(from: Date, to: Date, region: String? = nil) {
        (self.from, self.to, self.region) = (from, to, region)
    }
}

/// An arrival as the list shows it: who, where they live, their code's colour, whether their
/// grid has verified it, whether they declared it and the feeds contradict their declaration.
public struct ListedArrival: Sendable, Equatable {
    public var arrival: Arrival
    public var name: String
    public var areaID: String?
    public var areaPath: String
    /// The colour of their code now; nil before one was computed.
    public var colour: String?
    /// The grid's "verify arrival" task for it; nil when none was raised (not a high-risk region).
    public var verification: TaskState?
    /// They applied for a code (declared): nil when not; true when the feeds contradict it.
    public var declarationContradicted: Bool?

    public init(
        arrival: Arrival, name: String, areaID: String?, areaPath: String, colour: String?, verification: TaskState?, declarationContradicted: Bool?
    ) {
        (self.arrival, self.name, self.areaID, self.areaPath) = (arrival, name, areaID, areaPath)
        (self.colour, self.verification, self.declarationContradicted) = (colour, verification, declarationContradicted)
    }
}

/// How many arrived from one region.
public struct RegionCount: Sendable, Equatable {
    public var region: String
    public var count: Int

    public init(region: String, count: Int) { (self.region, self.count) = (region, count) }
}
