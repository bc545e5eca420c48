import Domain

/// Yields the demo city's residents in batches, household by household, grid by grid, without
/// ever holding the whole population in memory (a 12-million city must fit).
public struct ResidentStream: Sendable {
    let city: DemoCity
    var g: SeededGenerator
    var produced = 0
    var gridIndex = 0
    var inGrid = 0
    var household = 0
    let perGrid: Int
    let remainder: Int

    /// The first two households are fixed so the demo has a resident and a proxy to sign in as:
    /// R00000001 (phone, lives with R00000002, 82, no phone) and R00000003.
    public static let demoResidentID = "R00000003"
    public static let demoProxyID = "R00000001"
    public static let demoDependantID = "R00000002"

    public init(city: DemoCity) {
        self.city = city
        self.g = SeededGenerator(seed: city.spec.seed).fork("residents")
        self.perGrid = city.spec.residents / city.grids.count
        self.remainder = city.spec.residents % city.grids.count
    }

    public var total: Int { city.spec.residents }

    /// The next batch of at most `limit` residents; nil when everyone has been produced.
    public mutating func nextBatch(limit: Int) -> [Resident]? {
        guard produced < total else { return nil }
        var batch: [Resident] = []
        batch.reserveCapacity(min(limit, total - produced))
        while batch.count < limit && produced < total {
            let size = householdSize()
            household += 1
            let grid = city.grids[gridIndex]
            let building = Int.random(in: 1...30, using: &g)
            let address = "\(grid.compound.name)\(building)幢\(Int.random(in: 1...4, using: &g))单元\(Int.random(in: 1...28, using: &g))0\(Int.random(in: 1...4, using: &g))室"
            let surname = Vocabulary.surnames[Int.random(in: 0..<Vocabulary.surnames.count, using: &g)]
            for member in 0..<size where produced < total && batch.count < limit + 8 {
                batch.append(makeResident(index: produced + 1, member: member, surname: surname, grid: grid, address: address, building: String(building)))
                produced += 1
                inGrid += 1
            }
            let quota = perGrid + (gridIndex < remainder ? 1 : 0)
            if inGrid >= quota && gridIndex + 1 < city.grids.count {
                gridIndex += 1
                inGrid = 0
            }
        }
        return batch
    }

    private mutating func householdSize() -> Int {
        if household == 0 { return 2 }
        if household == 1 { return 1 }
        let r = Int.random(in: 0..<100, using: &g)
        return r < 25 ? 1 : r < 55 ? 2 : r < 80 ? 3 : r < 94 ? 4 : 5
    }

    private mutating func makeResident(index: Int, member: Int, surname: Character, grid: DemoCity.GridInfo, address: String, building: String) -> Resident {
        let age: Int
        switch index {
        case 1: age = 45
        case 2: age = 82
        case 3: age = 34
        default:
            let r = Int.random(in: 0..<100, using: &g)
            age = member == 0 ? Int.random(in: 22...85, using: &g) : r < 20 ? Int.random(in: 0...15, using: &g) : Int.random(in: 16...90, using: &g)
        }
        let male = index == 2 ? false : Bool.random(using: &g)
        let today = city.spec.today
        let birth = CalendarDate(daysSinceEpoch: today.daysSinceEpoch - age * 365 - Int.random(in: 1...364, using: &g))
        let seq = Int.random(in: 0..<500, using: &g) * 2 + (male ? 1 : 0)
        let first17 = Array((grid.districtCode + String(birth.yyyymmdd) + format3(seq)).utf8)
        let idNumber = String(decoding: first17, as: UTF8.self) + String(ResidentIDNumber.checkCharacter(for: first17))
        let hasPhone = index == 2 ? false : age >= 16 && (age <= 80 ? Int.random(in: 0..<100, using: &g) < 97 : Int.random(in: 0..<100, using: &g) < 40)
        var name = String(surname)
        for _ in 0..<Int.random(in: 1...2, using: &g) { name.append(Vocabulary.givenCharacters[Int.random(in: 0..<Vocabulary.givenCharacters.count, using: &g)]) }
        return Resident(
            id: "R" + pad(index, 8), name: name, idType: .residentID, idNumber: idNumber, sex: male ? .male : .female, birthDate: birth,
            phone: hasPhone ? Self.phone(for: index) : nil, householdID: "H" + pad(household, 7), areaID: grid.area.id,
            compoundID: grid.compound.id, address: address, building: building)
    }

    static let phonePrefixes = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "157", "158", "159", "177", "180", "186", "188"]

    /// A distinct mobile number per resident index: the prefix from `index % 20`, the rest a
    /// bijection of `index / 20` modulo 10^8 (7919 is coprime with 10^8).
    public static func phone(for index: Int) -> String {
        phonePrefixes[index % 20] + pad((index / 20 * 7919) % 100_000_000, 8)
    }
}

func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
