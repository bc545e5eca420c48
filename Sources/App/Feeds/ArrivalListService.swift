import Domain
import Foundation

/// The daily arrivals list (000: 卫健部门每天掌握从武汉来杭人员信息): who arrived in an area on a day,
/// from where, their colour, whether their grid verified them and whether what they declared
/// holds — filtered, paged and counted in the store, exported as CSV; every list read is audited.
public struct ArrivalListService: Sendable {
    let store: any FeedRepository & AuditLogRepository
    let profiles: ProfileStore
    let clock: WallClock
    let directory: PersonDirectory

    public struct Query: Sendable {
        public var areaID: String?
        /// The city's calendar day; today by default.
        public var day: CalendarDate?
        public var region: String?

        public init(areaID: String? = nil, day: CalendarDate? = nil, region: String? = nil) { (self.areaID, self.day, self.region) = (areaID, day, region) }
    }

    public struct Result: Sendable {
        public var day: CalendarDate
        public var page: ListPage<ListedArrival>
        /// Arrivals of the day in the area by origin region (the region filter left out).
        public var regions: [RegionCount]
    }

    /// Rows of a CSV export at most (a city's day of arrivals is far below).
    public static let exportLimit = 100_000

    public func list(_ query: Query, page: PageRequest, as principal: Principal) async throws -> Result {
        let (root, day, filter) = try await scope(query, as: principal)
        let found = try await store.arrivals(within: root, filter: filter, page: page)
        var all = filter
        all.region = nil
        let regions = try await store.arrivalCounts(within: root, filter: all)
        try await store.appendAudit(
            clock.event(
                principal.auditName, .personList, kind: "arrivals", id: query.areaID ?? principal.jurisdictionID ?? "",
                detail: "\(day) \(query.region ?? "all regions"): \(found.items.count) of \(found.total)"))
        return Result(day: day, page: found, regions: regions)
    }

    /// Every arrival the filter selects, for the CSV (read a page at a time; audited once).
    public func export(_ query: Query, as principal: Principal) async throws -> (day: CalendarDate, rows: [ListedArrival]) {
        let (root, day, filter) = try await scope(query, as: principal)
        var rows: [ListedArrival] = []
        var page = PageRequest(offset: 0, limit: PageRequest.maxLimit)
        while rows.count < Self.exportLimit {
            let found = try await store.arrivals(within: root, filter: filter, page: page)
            rows += found.items
            guard found.hasNext else { break }
            page = PageRequest(offset: page.offset + page.limit, limit: page.limit)
        }
        try await store.appendAudit(
            clock.event(
                principal.auditName, .personList, kind: "arrivals.csv", id: query.areaID ?? principal.jurisdictionID ?? "",
                detail: "\(day) \(query.region ?? "all regions"): \(rows.count) exported"))
        return (day, rows)
    }

    /// The area (the principal's own, or one inside it: refused and audited otherwise) and the day's bounds.
    private func scope(_ query: Query, as principal: Principal) async throws -> (AreaPath, CalendarDate, ArrivalFilter) {
        try await directory.authorize(principal, .readPeople, kind: "arrivals", id: query.areaID ?? "list")
        guard var root = principal.jurisdiction else { throw AccessPolicy.Denial.outsideJurisdiction(kind: "arrivals", id: query.areaID ?? "list") }
        if let areaID = query.areaID {
            let area = try await directory.area(areaID, as: principal)
            try await directory.authorize(principal, .readPeople, .area(id: area.id, path: area.path))
            root = AreaPath(area.path)
        }
        let local = LocalTime(offsetMinutes: profiles.profile.colours.dayOffsetMinutes)
        let day = query.day ?? CalendarDate(localDayOf: clock.now(), offsetMinutes: local.offsetMinutes)
        let start = local.startOfDay(day)
        return (root, day, ArrivalFilter(from: start, to: start.addingTimeInterval(86_400), region: query.region))
    }
}
