import Domain
import Foundation
import Privacy
import Testing
import TestSupport

/// Finding people, places and areas by name on SQLite and PostgreSQL alike.
@Suite("Search store contract")
struct SearchStoreContractTests {
    typealias C = StoreContractTests

    static func named(_ id: String, _ name: String, grid: Area) throws -> SealedResident {
        try C.vault.seal(
            Resident(id: id, name: name, idNumber: nil, sex: .female, birthDate: nil, phone: nil, householdID: nil, areaID: grid.id, address: nil),
            areaPath: grid.path)
    }

    @Test("people by the beginning of their name under an area, paged and counted; places and areas by a part of their name; % and _ typed are literal",
        arguments: Backend.available)
    func byName(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        _ = try await store.insertResidents(
            [
                try Self.named("P1", "张伟", grid: C.gridA), try Self.named("P2", "张敏", grid: C.gridA), try Self.named("P3", "王张", grid: C.gridA),
                try Self.named("P4", "张强", grid: C.gridB), try Self.named("P5", "Anna Li", grid: C.gridA), try Self.named("P6", "50%_off", grid: C.gridA),
            ], audit: nil)
        let a = AreaPath(C.gridA.path)
        let first = try await store.residents(namePrefix: "张", within: a, page: PageRequest(offset: 0, limit: 1))
        #expect(first.items.map(\.id) == ["P2"] || first.items.map(\.id) == ["P1"])
        #expect(first.total == 2 && first.hasNext)
        #expect(try await store.residents(namePrefix: "张", within: AreaPath(C.district.path), page: PageRequest()).total == 3)
        #expect(try await store.residents(namePrefix: "anna", within: a, page: PageRequest()).items.map(\.id) == ["P5"])  // ASCII case ignored alike
        #expect(try await store.residents(namePrefix: "50%_", within: a, page: PageRequest()).items.map(\.id) == ["P6"])
        #expect(try await store.residents(namePrefix: "%", within: a, page: PageRequest()).total == 0)  // not a wildcard
        #expect(try await store.residents(namePrefix: "_", within: a, page: PageRequest()).total == 0)

        _ = try await store.insertPlaces(
            [Place(id: "V1", kind: .venue, name: "联华超市", areaID: "G-A"), Place(id: "V2", kind: .venue, name: "世纪联华", areaID: "G-B"),
             Place(id: "V3", kind: .pharmacy, name: "老百姓大药房", areaID: "G-A")], audit: nil)
        #expect(Set(try await store.places(named: "联华", within: AreaPath(C.district.path), limit: 10).map(\.id)) == ["V1", "V2"])
        #expect(try await store.places(named: "联华", within: a, limit: 10).map(\.id) == ["V1"])
        #expect(try await store.places(named: "%", within: a, limit: 10).isEmpty)
        #expect(try await store.areas(named: "网格", within: AreaPath(C.city.path), limit: 10).map(\.id) == ["G-A", "G-B"])
        #expect(try await store.areas(named: "上城", within: AreaPath(C.city.path), limit: 10).map(\.id) == ["330102"])
        #expect(try await store.areas(named: "网格", within: a, limit: 10).map(\.id) == ["G-A"])
        try await store.close()
    }

    @Test("a city-wide search for a common surname (the name index) finds, orders, pages and counts exactly what a grid's search (the area index) finds",
        arguments: Backend.available)
    func commonSurnameCityWide(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await C.seed(store)
        // More residents than the bound of the store's choice of index, a grid of 200 among them
        // (where the area is the narrower way in): 张 begins a third of the names, some Latin names
        // differ only in case, and people of the same name live in both grids.
        let names = ["张伟", "王芳", "李娜", "Zhang Wei", "zhang wei", "张敏"]
        var people: [SealedResident] = []
        for i in 0..<6_200 {
            people.append(try Self.named(String(format: "P%05d", i), names[i % names.count], grid: i % 31 == 0 ? C.gridB : C.gridA))
        }
        _ = try await store.insertResidents(people, audit: nil)
        let city = AreaPath(C.city.path)

        // What any plan must return: the prefix (ASCII case ignored), in (name, area, id) order.
        func expected(_ prefix: String, within area: AreaPath) -> [String] {
            people.filter { area.contains(AreaPath($0.areaPath)) && $0.name.lowercased().hasPrefix(prefix.lowercased()) }
                .sorted { ($0.name.lowercased(), $0.areaPath, $0.id) < ($1.name.lowercased(), $1.areaPath, $1.id) }.map(\.id)
        }
        for (prefix, area) in [("张", city), ("张敏", city), ("zhang", city), ("Zhang W", AreaPath(C.gridA.path)), ("张", AreaPath(C.gridB.path)), ("赵", city)] {
            let want = expected(prefix, within: area)
            let first = try await store.residents(namePrefix: prefix, within: area, page: PageRequest(offset: 0, limit: 50))
            let later = try await store.residents(namePrefix: prefix, within: area, page: PageRequest(offset: 1_000, limit: 50))
            #expect(first.total == want.count, "\(prefix) within \(area.rawValue)")
            #expect(first.items.map(\.id) == Array(want.prefix(50)), "\(prefix) within \(area.rawValue)")
            #expect(later.items.map(\.id) == Array(want.dropFirst(1_000).prefix(50)), "\(prefix) within \(area.rawValue)")
        }
        try await store.close()
    }
}
