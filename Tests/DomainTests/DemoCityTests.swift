import DemoCity
import Domain
import Testing

@Suite("Demo city")
struct DemoCityTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 24)!

    static func residents(_ spec: DemoCitySpec) -> [Resident] {
        var stream = ResidentStream(city: DemoCity(spec: spec))
        var all: [Resident] = []
        while let batch = stream.nextBatch(limit: 1000) { all += batch }
        return all
    }

    @Test("the same seed gives the same city; another seed another")
    func deterministic() {
        let a = DemoCitySpec(residents: 3000, seed: 1, today: Self.today)
        #expect(DemoCity(spec: a).areas == DemoCity(spec: a).areas)
        #expect(DemoCity(spec: a).places == DemoCity(spec: a).places)
        #expect(Self.residents(a) == Self.residents(a))
        #expect(Self.residents(a) != Self.residents(DemoCitySpec(residents: 3000, seed: 2, today: Self.today)))
    }

    @Test("every resident is valid: ID numbers pass GB 11643, phones normalise, areas exist")
    func valid() throws {
        let spec = DemoCitySpec(residents: 5000, seed: 9, today: Self.today)
        let city = DemoCity(spec: spec)
        let areaIDs = Set(city.areas.map(\.id))
        let people = Self.residents(spec)
        #expect(people.count == 5000)
        #expect(Set(people.map(\.id)).count == 5000)
        var phones = Set<String>()
        for r in people {
            let number = try #require(r.idNumber)
            #expect(try ResidentIDNumber.validate(number, today: Self.today.yyyymmdd) == number)
            #expect(r.birthDate == CalendarDate(iso: ResidentIDNumber.birthDate(of: number)))
            #expect(areaIDs.contains(try #require(r.areaID)))
            if let phone = r.phone {
                #expect(try PhoneNumber.normalize(phone) == phone)
                #expect(phones.insert(phone).inserted)
            }
        }
    }

    @Test("the tree has every level with polygons, and places of every kind")
    func shape() {
        let city = DemoCity(spec: DemoCitySpec(residents: 200_000, seed: 1, today: Self.today))
        #expect(Set(city.areas.map(\.level)) == Set(AreaLevel.allCases))
        #expect(city.areas.allSatisfy { $0.geometry?.contains("Polygon") == true })
        #expect(Set(city.places.map(\.kind)) == Set(PlaceKind.allCases))
        let plans = city.accountPlans
        #expect(Set(plans.map(\.role)) == Set(Role.allCases))
    }
}
