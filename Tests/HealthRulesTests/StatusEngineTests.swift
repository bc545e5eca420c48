import Domain
import Foundation
import Testing
@testable import HealthRules

/// The colour rules of DESIGN §4 with their facts and reasons, and how a colour changes over time.
@Suite("Health status rules")
struct StatusEngineTests {
    static let engine = StatusEngine(rules: .standard, profileVersion: 3)
    /// Day 0, 10:00 in Beijing (02:00 UTC), 2026-11-01.
    static let day0 = Date(timeIntervalSince1970: 1_761_962_400)
    static func day(_ d: Double, hour: Double = 10) -> Date { day0.addingTimeInterval(d * 86_400 + (hour - 10) * 3600) }

    static func closeContact(_ person: String = "P") -> PersonFacts {
        var f = PersonFacts(person: person)
        f.exposures = [ContactExposure(person: person, caseID: "C1", category: .close, lastExposure: day(0), place: "V1")]
        return f
    }

    /// Normal check-ins at 09:00 on the given days.
    static func checkIns(_ days: [Int], person: String = "P") -> [CheckIn] {
        days.map { CheckIn(person: person, at: day(Double($0), hour: 9), temperature: 36.5) }
    }

    @Test("a person with no facts is green, with no reasons and no end")
    func green() {
        let s = Self.engine.status(PersonFacts(person: "P"), at: Self.day(3))
        #expect(s.colour == .green)
        #expect(s.reasons.isEmpty)
        #expect(s.until == nil)
        #expect(s.profileVersion == 3)
    }

    @Test("a confirmed or suspected case is red, with the rule and the sample time")
    func cases() {
        let confirmed = PersonFacts(person: "C1", caseFacts: CaseFacts(person: "C1", status: .confirmed, firstPositiveSample: Self.day(0)))
        let s = Self.engine.status(confirmed, at: Self.day(1))
        #expect(s.colour == .red)
        #expect(s.reasons.map(\.rule) == ["case.confirmed"])
        #expect(s.until == nil)
        let suspected = PersonFacts(person: "C2", caseFacts: CaseFacts(person: "C2", status: .suspected, firstPositiveSample: Self.day(0)))
        #expect(Self.engine.status(suspected, at: Self.day(1)).reasons.map(\.rule) == ["case.suspected"])
        // Before the sample was taken, the same facts give green: history at a past time.
        #expect(Self.engine.status(confirmed, at: Self.day(-1)).colour == .green)
    }

    @Test("a close contact is red for 14 days with the case, the place and the exposure as facts")
    func closeContactReasons() {
        let s = Self.engine.status(Self.closeContact(), at: Self.day(2))
        #expect(s.colour == .red)
        let reason = s.reasons.first
        #expect(reason?.rule == "contact.close")
        #expect(reason?.facts["case"] == "C1")
        #expect(reason?.facts["place"] == "V1")
        #expect(reason?.facts["lastExposure"] == Timestamp.format(Self.day(0)))
        #expect(s.actions.contains(.checkIns(done: 0, needed: 14)))
        #expect(s.actions.contains(.negativeTest(from: Self.day(12))))
    }

    @Test("secondary contacts, companions and declared contacts are yellow for 7 days")
    func yellowContacts() {
        for category in [ExposureCategory.secondary, .companion, .declared] {
            var f = PersonFacts(person: "P")
            f.exposures = [ContactExposure(person: "P", caseID: "C1", category: category, lastExposure: Self.day(0))]
            let s = Self.engine.status(f, at: Self.day(1))
            #expect(s.colour == .yellow)
            #expect(s.reasons.map(\.rule) == ["contact.\(category.rawValue)"])
            f.checkIns = Self.checkIns(Array(0..<7))
            #expect(Self.engine.status(f, at: Self.day(7)).colour == .green)
        }
    }

    @Test("an arrival from a high-risk region within 14 days is yellow; from elsewhere, green")
    func arrivals() {
        var f = PersonFacts(person: "P")
        f.arrivals = [Arrival(id: "A1", person: "P", from: "420100", arrivedAt: Self.day(0), mode: "rail")]
        let s = Self.engine.status(f, at: Self.day(1))
        #expect(s.colour == .yellow)
        #expect(s.reasons.first?.rule == "arrival.high-risk")
        #expect(s.reasons.first?.facts["from"] == "420100")
        f.arrivals = [Arrival(id: "A2", person: "P", from: "310000", arrivedAt: Self.day(0))]
        #expect(Self.engine.status(f, at: Self.day(1)).colour == .green)
    }

    @Test("a fever at check-in is yellow with the temperature as the fact")
    func symptoms() {
        var f = PersonFacts(person: "P")
        f.checkIns = [CheckIn(person: "P", at: Self.day(0), temperature: 37.8)]
        let s = Self.engine.status(f, at: Self.day(0.5))
        #expect(s.colour == .yellow)
        #expect(s.reasons.first?.rule == "symptoms")
        #expect(s.reasons.first?.facts["temperature"] == "37.8")
        f.checkIns = [CheckIn(person: "P", at: Self.day(0), temperature: 37.2)]
        #expect(Self.engine.status(f, at: Self.day(0.5)).colour == .green)
    }

    @Test("red turns green only after 14 days, 14 check-ins and a negative test")
    func quarantineRelease() {
        var f = Self.closeContact()
        f.checkIns = Self.checkIns(Array(0..<14))
        // Day 13: the days have not passed.
        #expect(Self.engine.status(f, at: Self.day(13.5)).colour == .red)
        // Day 14 without a test: still red, the test is the action left.
        let untested = Self.engine.status(f, at: Self.day(14.1))
        #expect(untested.colour == .red)
        #expect(untested.actions == [.negativeTest(from: Self.day(12))])
        // With a negative test on day 13: green.
        f.negativeTests = [Self.day(13)]
        #expect(Self.engine.status(f, at: Self.day(14.1)).colour == .green)
        // A test taken too early does not count.
        f.negativeTests = [Self.day(5)]
        #expect(Self.engine.status(f, at: Self.day(14.1)).colour == .red)
    }

    @Test("a missed check-in extends the quarantine by a day")
    func missedCheckIn() {
        var f = Self.closeContact()
        f.negativeTests = [Self.day(13)]
        f.checkIns = Self.checkIns(Array(0..<14).filter { $0 != 6 })  // 13 of 14
        let s = Self.engine.status(f, at: Self.day(14.1))
        #expect(s.colour == .red)
        #expect(s.actions == [.checkIns(done: 13, needed: 14)])
        // Today's check-in still to do: release at the start of tomorrow.
        #expect(s.reasons.first?.until == Self.engine.dayStart(Self.engine.day(Self.day(15))))
        f.checkIns += Self.checkIns([14])
        #expect(Self.engine.status(f, at: Self.day(14.5)).colour == .green)
    }

    @Test("the strongest colour wins and every reason is listed")
    func strongestWins() {
        var f = Self.closeContact()
        f.arrivals = [Arrival(id: "A1", person: "P", from: "420100", arrivedAt: Self.day(1))]
        let s = Self.engine.status(f, at: Self.day(2))
        #expect(s.colour == .red)
        #expect(Set(s.reasons.map(\.rule)) == ["contact.close", "arrival.high-risk"])
    }

    @Test("an approved override sets the colour while it lasts, then the rules apply again")
    func override() {
        var f = Self.closeContact()
        f.overrides = [
            ColourOverride(id: "O1", person: "P", colour: .green, legalBasis: "传染病防治法第39条", from: Self.day(1), until: Self.day(3), proposer: "epi", approver: "command")
        ]
        let during = Self.engine.status(f, at: Self.day(2))
        #expect(during.colour == .green)
        #expect(during.reasons.first?.rule == "override")
        #expect(during.reasons.first?.facts["legalBasis"] == "传染病防治法第39条")
        #expect(Self.engine.status(f, at: Self.day(3)).colour == .red)
    }
}
