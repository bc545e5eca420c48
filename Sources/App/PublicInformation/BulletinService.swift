import Domain
import Foundation

/// The daily bulletin (每日疫情通报): new and total confirmed cases by district today, and the
/// epidemic curve (new cases a day).
public struct BulletinService: Sendable {
    let store: any AreaRepository
    let profiles: ProfileStore
    let clock: WallClock
    let publicCache: PublicCache
    let caseList: CaseList

    public struct Bulletin: Sendable, Codable, Equatable {
        public struct District: Sendable, Codable, Equatable {
            public var id: String
            public var name: String
            /// The district's English name, where the area import gave one.
            public var nameEn: String?
            public var new: Int
            public var total: Int
        }

        public struct Day: Sendable, Codable, Equatable {
            public var day: String
            public var new: Int
        }

        public var schemaVersion = 1
        public var day: String
        public var new: Int
        public var total: Int
        public var districts: [District]
        public var curve: [Day]
    }

    public func today() async throws -> Bulletin {
        try await publicCache.value("bulletin") { try await compute() }
    }

    /// The bulletin as it stood at the end of an earlier day (the archive): the cases confirmed by
    /// then. A day after today is today's.
    public func on(_ day: CalendarDate) async throws -> Bulletin {
        let today = CalendarDate(localDayOf: clock.now(), offsetMinutes: profiles.profile.colours.dayOffsetMinutes)
        guard day < today else { return try await self.today() }
        return try await publicCache.value("bulletin:\(day)") { try await compute(on: day) }
    }

    func compute(on day: CalendarDate? = nil) async throws -> Bulletin {
        let today = day ?? CalendarDate(localDayOf: clock.now(), offsetMinutes: profiles.profile.colours.dayOffsetMinutes)
        let cases = try await caseList.confirmed().filter { $0.day <= today }
        var districts: [Bulletin.District] = []
        for area in try await store.areaDirectory().filter({ $0.value.level == .district }).keys.sorted() {
            let mine = cases.filter { $0.districtID == area }
            let found = try await store.area(id: area)
            districts.append(.init(id: area, name: found?.name ?? area, nameEn: found?.nameEn, new: mine.filter { $0.day == today }.count, total: mine.count))
        }
        // The curve from the first case (or a week back) to today, zero days included.
        let first = min(cases.first?.day.daysSinceEpoch ?? today.daysSinceEpoch, today.daysSinceEpoch - 6)
        let byDay = Dictionary(grouping: cases, by: \.day.daysSinceEpoch).mapValues(\.count)
        let curve = (first...today.daysSinceEpoch).map { Bulletin.Day(day: CalendarDate(daysSinceEpoch: $0).description, new: byDay[$0] ?? 0) }
        return Bulletin(
            day: today.description, new: cases.filter { $0.day == today }.count, total: cases.count, districts: districts, curve: curve)
    }
}
