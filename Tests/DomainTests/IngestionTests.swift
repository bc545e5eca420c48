import Domain
import Ingestion
import Testing

/// The pure ingestion engine: parsing both formats and every rejection reason, with the line,
/// the field and the reason, while good lines still pass.
@Suite("Ingestion")
struct IngestionTests {
    static let areas: [String: AreaRef] = [
        "330100": AreaRef(path: "/330100/", level: .city),
        "330102": AreaRef(path: "/330100/330102/", level: .district),
        "G1": AreaRef(path: "/330100/330102/G1/", level: .grid),
    ]
    static let places: [String: PlaceKind] = ["CMP1": .compound, "V1": .venue]
    static let today = CalendarDate(year: 2026, month: 11, day: 24)!

    /// Runs the residents validator over a text and returns the accepted residents and the report.
    static func residents(_ text: String) async throws -> ([Resident], ImportReport) {
        var validator = ResidentValidator(areas: areas, places: places, today: today)
        let sink = Collected<Resident>()
        let pipeline = ImportPipeline<ResidentValidator, Resident>(
            batchSize: 2, prepare: { $0.resident }, write: { await sink.add($0) })
        let report = try await pipeline.run(kind: "residents", reader: RecordReader(bytes: Array(text.utf8)), validator: &validator)
        return (await sink.items, report)
    }

    @Test("every rejection reason names its line and field; good lines still load")
    func rejections() async throws {
        let text = """
            {"id":"R1","name":"张三","idNumber":"11010519491231002X","phone":"13812345678","area":"G1","compound":"CMP1"}
            {"id":"R2","idNumber":"11010519491231002X"}
            {"id":"R3","name":"李四","idNumber":"110105194912310023"}
            {"id":"R4","name":"王五","birthDate":"1990-02-30"}
            {"id":"R5","name":"赵六","phone":"12345"}
            {"id":"R6","name":"钱七","area":"NOPE"}
            {"id":"R7","name":"孙八","compound":"V1"}
            {"id":"R8","name":"周九","idNumber":"11010519491231002X","birthDate":"1950-01-01"}
            {"id":"R9" "name":"x"}
            {"id":"R/10","name":"吴十"}
            {"id":"R11","name":"郑十一","sex":"X"}
            {"id":"R12","name":"冯","idType":"driver"}

            {"id":"R13","name":"陈十三","idType":"passport","idNumber":"E12345678"}
            """
        let (loaded, report) = try await Self.residents(text)
        #expect(loaded.map(\.id) == ["R1", "R13"])
        #expect(report.loaded == 2)
        #expect(report.rejected == 11)
        let byLine = Dictionary(uniqueKeysWithValues: report.problems.map { ($0.line, $0) })
        #expect(byLine[2]?.field == "name" && byLine[2]?.reason == "is required")
        #expect(byLine[3]?.field == "idNumber" && byLine[3]?.reason.contains("check digit should be X, found 3") == true)
        #expect(byLine[4]?.field == "birthDate" && byLine[4]?.reason.contains("not a real past date") == true)
        #expect(byLine[5]?.field == "phone")
        #expect(byLine[6]?.field == "area" && byLine[6]?.reason == "unknown area \"NOPE\"")
        #expect(byLine[7]?.field == "compound" && byLine[7]?.reason.contains("is a venue, not a compound") == true)
        #expect(byLine[8]?.field == "birthDate" && byLine[8]?.reason.contains("differs from the birth date in the ID number") == true)
        #expect(byLine[9]?.field == nil && byLine[9]?.reason.contains("invalid JSON") == true)
        #expect(byLine[10]?.field == "id")
        #expect(byLine[11]?.field == "sex")
        #expect(byLine[12]?.field == "idType")
        #expect(loaded[0].birthDate == CalendarDate(iso: "1949-12-31"))
        #expect(loaded[0].phone == "13812345678")
    }

    @Test("an impossible birth date inside the ID number is refused")
    func impossibleBirthDateInNumber() async throws {
        let first17 = Array("33010219900230123".utf8)
        let number = "33010219900230123" + String(ResidentIDNumber.checkCharacter(for: first17))
        let (_, report) = try await Self.residents(#"{"id":"R1","name":"a","idNumber":"\#(number)"}"#)
        #expect(report.problems.first?.reason == "birth date 19900230 in the number is not a real past date")
    }

    @Test("CSV with a header, quoted cells, commas and a cell spanning two lines")
    func csv() async throws {
        let text = "id,name,address,phone\r\nR1,\"张, 三\",\"西湖路\n1号\",13812345678\nR2,李四,,\nR3,王五\n"
        let (loaded, report) = try await Self.residents(text)
        #expect(report.format == "csv")
        #expect(loaded.map(\.id) == ["R1", "R2"])
        #expect(loaded[0].name == "张, 三")
        #expect(loaded[0].address == "西湖路\n1号")
        #expect(loaded[1].phone == nil)
        #expect(report.problems.map(\.line) == [5])
        #expect(report.problems.first?.reason == "has 2 cells, the header has 4")
    }

    @Test("JSON escapes, nested geometry and numbers")
    func json() async throws {
        var validator = AreaValidator(known: ["330100": AreaRef(path: "/330100/", level: .city)])
        let sink = Collected<Area>()
        let pipeline = ImportPipeline<AreaValidator, Area>(prepare: { $0 }, write: { await sink.add($0) })
        let text = """
            {"id":"330102","name":"上\\u57ce\\u533a \\"old\\"","level":"district","parent":"330100","geometry":{"type":"Polygon","coordinates":[[[120.1,30.2],[120.2,30.2],[120.2,30.3],[120.1,30.2]]]}}
            {"id":"S1","name":"Street","level":"street","parent":"330102","nameEn":" Hubin Subdistrict "}
            {"id":"D2","name":"bad","level":"district","parent":"S1"}
            {"id":"D3","name":"orphan","level":"district","parent":"NOPE"}
            {"id":"G9","name":"no parent","level":"grid"}
            {"id":"D4","name":"point","level":"district","parent":"330100","geometry":{"type":"Point","coordinates":[1,2]}}
            {"id":"D5","name":"lvl","level":"province","parent":"330100"}
            """
        let report = try await pipeline.run(kind: "areas", reader: RecordReader(bytes: Array(text.utf8)), validator: &validator)
        let areas = await sink.items
        #expect(areas.map(\.id) == ["330102", "S1"])
        #expect(areas[0].name == "上城区 \"old\"")
        #expect(areas[0].geometry?.hasPrefix("{\"type\":\"Polygon\"") == true)
        #expect(areas[1].path == "/330100/330102/S1/")
        #expect(areas[0].nameEn == nil && areas[1].nameEn == "Hubin Subdistrict")  // optional; trimmed
        let reasons = report.problems.map { "\($0.line) \($0.field ?? "-"): \($0.reason)" }
        #expect(reasons == [
            "3 parent: a district cannot lie inside a street",
            "4 parent: unknown parent area \"NOPE\" (import it first, or earlier in this file)",
            "5 parent: is required for a grid",
            "6 geometry: must be a Polygon or MultiPolygon, not Point",
            "7 level: \"province\" is not one of city, district, street, community, grid",
        ])
    }

    @Test("places: kind, area and position are checked")
    func places() async throws {
        var validator = PlaceValidator(areas: Self.areas)
        let sink = Collected<Place>()
        let pipeline = ImportPipeline<PlaceValidator, Place>(prepare: { $0 }, write: { await sink.add($0) })
        let text = """
            id,kind,name,area,lat,lon
            P1,venue,超市,G1,30.25,120.16
            P2,shop,x,G1,,
            P3,venue,x,G1,91,120
            P4,venue,x,G1,30,
            P5,venue,x,ZZ,,
            """
        let report = try await pipeline.run(kind: "places", reader: RecordReader(bytes: Array(text.utf8)), validator: &validator)
        #expect(await sink.items.map(\.id) == ["P1"])
        #expect(report.problems.map(\.field) == ["kind", "lat", "lon", "area"])
    }

    @Test("batches validated on several cores keep line order and line numbers")
    func parallelOrder() async throws {
        var lines: [String] = []
        for i in 1...5000 {
            lines.append(i % 7 == 0 ? #"{"id":"R\#(i)"}"# : #"{"id":"R\#(i)","name":"n","area":"G1"}"#)
        }
        var validator = ResidentValidator(areas: Self.areas, places: Self.places, today: Self.today)
        let sink = Collected<Resident>()
        let pipeline = ImportPipeline<ResidentValidator, Resident>(batchSize: 4096, prepare: { $0.resident }, write: { await sink.add($0) })
        let report = try await pipeline.run(kind: "residents", reader: RecordReader(bytes: Array(lines.joined(separator: "\n").utf8)), validator: &validator)
        let expectedBad = (1...5000).filter { $0 % 7 == 0 }
        #expect(report.problems.map(\.line) == expectedBad)
        #expect(await sink.items.map(\.id) == (1...5000).filter { $0 % 7 != 0 }.map { "R\($0)" })
    }

    @Test("a request body over the record limit is refused whole")
    func recordLimit() async throws {
        var validator = PlaceValidator(areas: Self.areas)
        let sink = Collected<Place>()
        let pipeline = ImportPipeline<PlaceValidator, Place>(batchSize: 1, maxRecords: 2, prepare: { $0 }, write: { await sink.add($0) })
        let text = "id,kind,name\nP1,venue,a\nP2,venue,b\nP3,venue,c\n"
        await #expect(throws: ImportFailure.self) {
            try await pipeline.run(kind: "places", reader: RecordReader(bytes: Array(text.utf8)), validator: &validator)
        }
        #expect(await sink.items.isEmpty)
    }
}

/// Collects what the pipeline writes, as a store would.
actor Collected<T: Sendable> {
    var items: [T] = []
    func add(_ batch: [T]) -> Int {
        items += batch
        return batch.count
    }
}
