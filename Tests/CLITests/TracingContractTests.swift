import Foundation
import Testing

// An independent, end-to-end check of DESIGN §4 (the default outbreak profile) through the DESIGN §5
// command-line contract only: a small hand-made city is written as NDJSON, loaded with `cordon import`,
// and the answers of `cordon trace --case C --json` and `cordon status X --json` are compared with what
// §4 says they must be. The expectations come from DESIGN §4, not from the code under test.
//
// The city, with times relative to C's positive PCR sample S (two days ago); the case's window is
// [S − 4 days, S]:
//
//   C         the case (positive PCR → confirmed, red)
//   H         C's household (household "HC")                          → household, red
//   P         20 min with C at venue V1                                → close, red
//   T         on the bus BUS1 in seat 14C, C in 12A, 60 min overlap    → transport, red
//   CELLMATE  30 min in C's telecom cell CELL1                         → companion, yellow
//   NOTHING   10 min with C at venue V1                                → nobody, green
//   PH, TH    household members of P ("HP") and T ("HT")               → secondary, yellow
//   HA,PA,TA  60 min with H, P, T at a venue after their first exposure → secondary, yellow
//   HB        60 min with H before the case's window opens             → nobody, green
//   PB, TB    60 min with P, T inside the window but before their first exposure → nobody, green
//   HH        a third member of C and H's household                     → household (the stronger category), red
//   CELLH     CELLMATE's household member                               → nobody, green (a companion is no close contact)
//   CELLA     60 min with CELLMATE at a venue after the cell overlap    → nobody, green

@Suite("DESIGN §4 tracing rules, end to end through the cordon CLI")
struct TracingContractTests {
    /// Times relative to the case's positive sample, in RFC 3339 UTC.
    struct SampleClock {
        /// C's positive sample: two days ago, on a whole minute (the rules count whole minutes).
        let sample: Date

        init(now: Date = Date()) {
            let minute = (now.timeIntervalSince1970 / 60).rounded(.down)
            sample = Date(timeIntervalSince1970: (minute - 2 * 1440) * 60)
        }

        /// `minutes` after the sample (negative: before it).
        func at(minutes: Int) -> String { TracingContractTests.rfc3339(sample.addingTimeInterval(Double(minutes) * 60)) }

        func at(hours: Double) -> String { at(minutes: Int((hours * 60).rounded())) }
    }

    /// `2026-11-24T08:30:00Z`.
    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Writes one JSON object a line (the NDJSON import format) and returns the file.
    static func writeNDJSON(_ records: [[String: String]], named name: String, in dir: URL) throws -> URL {
        let lines = try records.map { record in
            String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        }
        let file = dir.appendingPathComponent(name)
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// The JSON object a command printed (its output may hold other lines around it).
    static func jsonObject(_ output: String) throws -> [String: Any] {
        let start = try #require(output.firstIndex(of: "{"), "no JSON in: \(output)")
        let end = try #require(output.lastIndex(of: "}"), "no JSON in: \(output)")
        let parsed = try JSONSerialization.jsonObject(with: Data(output[start...end].utf8))
        return try #require(parsed as? [String: Any], "not a JSON object: \(output)")
    }

    /// A presence record; `from` and `to` are hours relative to the sample.
    static func stay(
        _ id: String, _ person: String, at place: String, from: Double, to: Double, seat: String? = nil, clock: SampleClock
    ) -> [String: String] {
        var record = ["id": id, "person": person, "place": place, "source": "test"]
        record["start"] = clock.at(hours: from)
        record["end"] = clock.at(hours: to)
        if let seat { record["seat"] = seat }
        return record
    }

    @Test("trace lists each kind of contact in its §4 category; status colours them red, yellow or green with reasons")
    func defaultProfile() throws {
        let dir = try CLITests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data").path
        let clock = SampleClock()

        let areas = try Self.writeNDJSON(
            [
                ["id": "330100", "name": "杭州市", "level": "city"],
                ["id": "330102", "name": "上城区", "level": "district", "parent": "330100"],
                ["id": "G1", "name": "网格一", "level": "grid", "parent": "330102"],
            ], named: "areas.ndjson", in: dir)

        let places = try Self.writeNDJSON(
            [
                ["id": "V1", "kind": "venue", "name": "Tea house", "area": "G1"],
                ["id": "V2", "kind": "venue", "name": "Library", "area": "G1"],
                ["id": "V3", "kind": "venue", "name": "Gym", "area": "G1"],
                ["id": "V4", "kind": "venue", "name": "Market", "area": "G1"],
                ["id": "BUS1", "kind": "vehicle", "name": "Bus 7, 08:10 trip"],
                ["id": "CELL1", "kind": "cell", "name": "Telecom cell 4411"],
            ], named: "places.ndjson", in: dir)

        let households = ["C": "HC", "H": "HC", "HH": "HC", "P": "HP", "PH": "HP", "T": "HT", "TH": "HT", "CELLMATE": "HCELL", "CELLH": "HCELL"]
        let people = ["C", "H", "HH", "P", "T", "CELLMATE", "NOTHING", "PH", "TH", "HA", "PA", "TA", "HB", "PB", "TB", "CELLH", "CELLA"]
        let residents = try Self.writeNDJSON(
            people.map { id in
                var record = ["id": id, "name": "Resident \(id)", "area": "G1"]
                if let household = households[id] { record["household"] = household }
                return record
            }, named: "residents.ndjson", in: dir)

        // Hours relative to the sample S; the case's window is [-96, 0].
        let presence = try Self.writeNDJSON(
            [
                // The case's own exposures of others.
                Self.stay("e01", "C", at: "V1", from: -72, to: -71, clock: clock),
                Self.stay("e02", "NOTHING", at: "V1", from: -72.5, to: -72 + 10.0 / 60, clock: clock),  // 10 min with C
                Self.stay("e03", "P", at: "V1", from: -71 - 20.0 / 60, to: -70, clock: clock),  // 20 min with C
                Self.stay("e04", "C", at: "BUS1", from: -60, to: -59, seat: "12A", clock: clock),
                Self.stay("e05", "T", at: "BUS1", from: -60, to: -59, seat: "14C", clock: clock),  // two rows away, 60 min
                Self.stay("e06", "C", at: "CELL1", from: -50, to: -49, clock: clock),
                Self.stay("e07", "CELLMATE", at: "CELL1", from: -50, to: -49.5, clock: clock),  // 30 min in the same cell
                // H (exposed from the window's start, -96 h): HB before it, HA within it.
                Self.stay("e08", "H", at: "V2", from: -100, to: -99, clock: clock),
                Self.stay("e09", "HB", at: "V2", from: -100, to: -99, clock: clock),
                Self.stay("e10", "H", at: "V2", from: -30, to: -29, clock: clock),
                Self.stay("e11", "HA", at: "V2", from: -30, to: -29, clock: clock),
                // P (first exposed at -71 h 20 min): PB before, PA after.
                Self.stay("e12", "P", at: "V3", from: -80, to: -79, clock: clock),
                Self.stay("e13", "PB", at: "V3", from: -80, to: -79, clock: clock),
                Self.stay("e14", "P", at: "V3", from: -40, to: -39, clock: clock),
                Self.stay("e15", "PA", at: "V3", from: -40, to: -39, clock: clock),
                // T (first exposed at -60 h): TB before, TA after.
                Self.stay("e16", "T", at: "V4", from: -70, to: -69, clock: clock),
                Self.stay("e17", "TB", at: "V4", from: -70, to: -69, clock: clock),
                Self.stay("e18", "T", at: "V4", from: -20, to: -19, clock: clock),
                Self.stay("e19", "TA", at: "V4", from: -20, to: -19, clock: clock),
                // CELLMATE (a companion only): the people they meet later are nobody's contacts.
                Self.stay("e20", "CELLMATE", at: "V1", from: -10, to: -9, clock: clock),
                Self.stay("e21", "CELLA", at: "V1", from: -10, to: -9, clock: clock),
            ], named: "presence.ndjson", in: dir)

        let labs = try Self.writeNDJSON(
            [["id": "L1", "person": "C", "sampledAt": clock.at(minutes: 0), "result": "positive", "test": "pcr", "lab": "City CDC"]],
            named: "labs.ndjson", in: dir)

        for (kind, file) in [("areas", areas), ("places", places), ("residents", residents), ("presence", presence), ("labs", labs)] {
            let run = try CLITests.cordon(["import", kind, file.path, "--data-dir", data])
            #expect(run.status == 0, "import \(kind): \(run.output)")
        }

        // Tracing: every contact once, in the category §4 gives it, and nobody else.
        let traced = try CLITests.cordon(["trace", "--case", "C", "--json", "--data-dir", data])
        #expect(traced.status == 0, "\(traced.output)")
        let report = try Self.jsonObject(traced.output)
        #expect(report["case"] as? String == "C")
        let window = try #require(report["window"] as? [String: String])
        #expect(window["from"] == clock.at(hours: -96))
        #expect(window["to"] == clock.at(minutes: 0))

        let contacts = try #require(report["contacts"] as? [[String: Any]])
        var byPerson: [String: [String: Any]] = [:]
        for contact in contacts {
            let person = try #require(contact["person"] as? String)
            #expect(byPerson[person] == nil, "\(person) is listed more than once")
            byPerson[person] = contact
        }
        let categories = byPerson.mapValues { $0["category"] as? String ?? "?" }
        #expect(
            categories == [
                "H": "household", "HH": "household",
                "P": "close",
                "T": "transport",
                "CELLMATE": "companion",
                "PH": "secondary", "TH": "secondary",
                "HA": "secondary", "PA": "secondary", "TA": "secondary",
            ])
        for nobody in ["C", "NOTHING", "HB", "PB", "TB", "CELLH", "CELLA"] {
            #expect(byPerson[nobody] == nil, "\(nobody) is not a contact of C")
        }

        let close = try #require(byPerson["P"])
        #expect(close["exposureMinutes"] as? Int == 20)
        #expect((close["evidence"] as? [[String: Any]])?.compactMap { $0["place"] as? String } == ["V1"])
        let transport = try #require(byPerson["T"])
        #expect((transport["evidence"] as? [[String: Any]] ?? []).contains { $0["place"] as? String == "BUS1" })

        // Colours, as a user asks for them after the import.
        let expected: [String: String] = [
            "C": "red", "H": "red", "HH": "red", "P": "red", "T": "red",
            "CELLMATE": "yellow", "HA": "yellow", "PH": "yellow", "PA": "yellow", "TH": "yellow", "TA": "yellow",
            "NOTHING": "green", "HB": "green", "PB": "green", "TB": "green", "CELLH": "green", "CELLA": "green",
        ]
        for (person, colour) in expected.sorted(by: { $0.key < $1.key }) {
            let run = try CLITests.cordon(["status", person, "--json", "--data-dir", data])
            #expect(run.status == 0, "status \(person): \(run.output)")
            let status = try Self.jsonObject(run.output)
            #expect(status["person"] as? String == person)
            #expect(status["colour"] as? String == colour, "\(person) should be \(colour): \(run.output)")
            if colour != "green" {
                let rules = (status["reasons"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
                #expect(rules.contains { !$0.isEmpty }, "\(person) is \(colour) without a reason: \(run.output)")
            }
        }
    }
}
