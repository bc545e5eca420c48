import Domain
import Foundation
import Testing
@testable import ContactTracing

/// The outbreak rules of DESIGN §4 at their boundaries, on a small hand-made timeline.
@Suite("Contact tracing rules")
struct TracingRulesTests {
    /// Day 0 of the scenarios, 08:00 UTC; the case's first positive sample is on day 5.
    static let day0: UInt32 = Minutes.of(seconds: 1_763_971_200) + 8 * 60  // 2025-11-24
    static func at(day: Int, minute: Int) -> UInt32 { day0 + UInt32(day * 1440 + minute) }

    /// A city of people and places; the case is "C", positive on day 5, so the window is day 1–day 5.
    struct Scenario {
        var index = TimelineIndex()
        let rules = TracingRules.standard

        init(people: [String: String?] = [:]) {
            for (id, household) in people.sorted(by: { $0.key < $1.key }) { index.addPerson(id, household: household) }
            index.addPerson("C", household: people["C"] ?? nil)
            for id in ["V1", "V2", "V3"] { index.addPlace(id, kind: .venue) }
            index.addPlace("TRAIN", kind: .vehicle)
            index.addPlace("CELL", kind: .cell)
            index.refreshHouseholds()
        }

        mutating func visit(_ person: String, _ place: String, day: Int = 2, from: Int, to: Int, seat: Int? = nil) {
            index.add(person: person, place: place, start: at(day: day, minute: from), end: at(day: day, minute: to), seatRow: seat)
        }

        var facts: CaseFacts {
            CaseFacts(person: "C", status: .confirmed, firstPositiveSample: Minutes.date(at(day: 5, minute: 0)))
        }

        /// The contacts by person id, with their category and minutes.
        func trace(compacted: Bool = false) -> [String: (ContactCategory, Int, String?)] {
            var index = self.index
            if compacted { index.compact() }
            let report = ContactTracer(index: index, rules: rules).report(for: facts)
            var out: [String: (ContactCategory, Int, String?)] = [:]
            for c in report?.contacts ?? [] { out[c.person] = (c.category, c.exposureMinutes, c.via) }
            return out
        }
    }

    @Test("exactly 15 minutes of overlap is a close contact; 14 is not", arguments: [false, true])
    func fifteenMinutes(compacted: Bool) {
        var s = Scenario()
        s.visit("C", "V1", from: 0, to: 60)
        s.visit("A15", "V1", from: 45, to: 90)
        s.visit("B14", "V1", from: 46, to: 60)  // and 14 minutes with A15: no secondary contact either
        let contacts = s.trace(compacted: compacted)
        #expect(contacts["A15"]?.0 == .close)
        #expect(contacts["A15"]?.1 == 15)
        #expect(contacts["B14"] == nil)
    }

    @Test("overlaps at two places are summed: 8 minutes in a shop and 8 in another make 16")
    func summedAcrossPlaces() {
        var s = Scenario()
        s.visit("C", "V1", from: 0, to: 30)
        s.visit("C", "V2", from: 60, to: 90)
        s.visit("A", "V1", from: 22, to: 40)
        s.visit("A", "V2", from: 82, to: 120)
        s.visit("B", "V1", from: 22, to: 30)  // only 8, with the case and with A
        let contacts = s.trace()
        #expect(contacts["A"]?.0 == .close)
        #expect(contacts["A"]?.1 == 16)
        #expect(contacts["B"] == nil)
    }

    @Test("a visit before the window opens is not exposure; one inside it is")
    func beforeWindow() {
        var s = Scenario()
        // Window: day 1 08:00 (day 5 minus 4 days) to day 5 08:00.
        s.visit("C", "V1", day: 0, from: 0, to: 120)
        s.visit("EARLY", "V1", day: 0, from: 0, to: 120)
        s.visit("C", "V2", day: 1, from: 0, to: 120)
        s.visit("INSIDE", "V2", day: 1, from: 0, to: 120)
        let contacts = s.trace()
        #expect(contacts["EARLY"] == nil)
        #expect(contacts["INSIDE"]?.0 == .close)
    }

    @Test("on a vehicle, seats 3 rows away are contacts and 4 rows away are not")
    func seatRows() {
        var s = Scenario()
        s.visit("C", "TRAIN", from: 0, to: 120, seat: 10)
        s.visit("ROW13", "TRAIN", from: 0, to: 120, seat: 13)
        s.visit("ROW7", "TRAIN", from: 0, to: 120, seat: 7)
        s.visit("ROW14", "TRAIN", from: 0, to: 120, seat: 14)
        s.visit("ROW6", "TRAIN", from: 0, to: 120, seat: 6)
        let contacts = s.trace()
        #expect(contacts["ROW13"]?.0 == .transport)
        #expect(contacts["ROW7"]?.0 == .transport)
        #expect(contacts["ROW14"] == nil)
        #expect(contacts["ROW6"] == nil)
    }

    @Test("in the same cell, 10 minutes make a companion and 9 do not")
    func cellCompanions() {
        var s = Scenario()
        s.visit("C", "CELL", from: 0, to: 60)
        s.visit("TEN", "CELL", from: 50, to: 80)
        s.visit("NINE", "CELL", from: 51, to: 80)
        let contacts = s.trace()
        #expect(contacts["TEN"]?.0 == .companion)
        #expect(contacts["TEN"]?.1 == 10)
        #expect(contacts["NINE"] == nil)
    }

    @Test("a household member who was also co-present is listed once, as household")
    func householdPrecedence() {
        var s = Scenario(people: ["C": "H1", "SPOUSE": "H1", "CHILD": "H1"])
        s.visit("C", "V1", from: 0, to: 60)
        s.visit("SPOUSE", "V1", from: 0, to: 60)
        let report = ContactTracer(index: s.index, rules: s.rules).report(for: s.facts)
        let spouse = report?.contacts.filter { $0.person == "SPOUSE" }
        #expect(spouse?.count == 1)
        #expect(spouse?.first?.category == .household)
        #expect(spouse?.first?.exposureMinutes == 60)
        #expect(report?.contacts.first { $0.person == "CHILD" }?.category == .household)
        #expect(report?.contacts.contains { $0.person == "C" } == false)
    }

    @Test("secondary contacts count only after the close contact's own first exposure")
    func secondaryAfterExposure() {
        var s = Scenario(people: ["X": "HX", "XSPOUSE": "HX"])
        // X meets the case on day 2 at 10:00 (minute 120 after 08:00).
        s.visit("C", "V1", day: 2, from: 120, to: 180)
        s.visit("X", "V1", day: 2, from: 120, to: 180)
        // X meets BEFORE on day 2 at 08:00, before being exposed: not a secondary contact.
        s.visit("X", "V2", day: 2, from: 0, to: 60)
        s.visit("BEFORE", "V2", day: 2, from: 0, to: 60)
        // X meets AFTER on day 3: a secondary contact.
        s.visit("X", "V3", day: 3, from: 0, to: 60)
        s.visit("AFTER", "V3", day: 3, from: 0, to: 60)
        let contacts = s.trace()
        #expect(contacts["X"]?.0 == .close)
        #expect(contacts["BEFORE"] == nil)
        #expect(contacts["AFTER"]?.0 == .secondary)
        #expect(contacts["AFTER"]?.2 == "X")
        #expect(contacts["XSPOUSE"]?.0 == .secondary)
    }

    @Test("a seat neighbour is a close contact: their household and later co-present people are secondary")
    func transportContactsExpand() {
        var s = Scenario(people: ["SEAT": "HS", "SEATKID": "HS"])
        // The trip on day 2, 10:00-12:00, two rows apart.
        s.visit("C", "TRAIN", day: 2, from: 120, to: 240, seat: 10)
        s.visit("SEAT", "TRAIN", day: 2, from: 120, to: 240, seat: 12)
        // The seat neighbour's 20 minutes with a colleague on day 3 count; a meeting before the trip does not.
        s.visit("SEAT", "V2", day: 3, from: 0, to: 20)
        s.visit("COLLEAGUE", "V2", day: 3, from: 0, to: 20)
        s.visit("SEAT", "V3", day: 2, from: 0, to: 60)
        s.visit("EARLIER", "V3", day: 2, from: 0, to: 60)
        // 14 minutes with the seat neighbour are not enough.
        s.visit("SEAT", "V1", day: 3, from: 100, to: 114)
        s.visit("BRIEF", "V1", day: 3, from: 100, to: 114)
        let contacts = s.trace()
        #expect(contacts["SEAT"]?.0 == .transport)
        #expect(contacts["SEATKID"]?.0 == .secondary)
        #expect(contacts["SEATKID"]?.2 == "SEAT")
        #expect(contacts["COLLEAGUE"]?.0 == .secondary)
        #expect(contacts["COLLEAGUE"]?.1 == 20)
        #expect(contacts["EARLIER"] == nil)
        #expect(contacts["BRIEF"] == nil)
    }

    @Test("the thresholds come from the profile, not from the code")
    func thresholdsFromProfile() {
        var s = Scenario()
        s.visit("C", "V1", from: 0, to: 60)
        s.visit("A", "V1", from: 40, to: 60)  // 20 minutes
        var strict = TracingRules.standard
        strict.closeContactMinutes = 30
        #expect(ContactTracer(index: s.index, rules: strict).report(for: s.facts)?.contacts.isEmpty == true)
        #expect(ContactTracer(index: s.index, rules: .standard).report(for: s.facts)?.contacts.map(\.person) == ["A"])
    }

    @Test("evidence names the place and the overlap in RFC 3339")
    func evidence() {
        var s = Scenario()
        s.visit("C", "V1", from: 0, to: 60)
        s.visit("A", "V1", from: 30, to: 90)
        let contact = ContactTracer(index: s.index, rules: s.rules).report(for: s.facts)?.contacts.first
        #expect(contact?.evidence == [
            TraceReport.Evidence(place: "V1", from: Timestamp.format(Int64(Self.at(day: 2, minute: 30)) * 60), to: Timestamp.format(Int64(Self.at(day: 2, minute: 60)) * 60))
        ])
    }
}
