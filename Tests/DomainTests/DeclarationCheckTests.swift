import Domain
import Foundation
import Testing

/// Declarations made when applying for a code, held against what the feeds say.
@Suite("Declarations against the feeds")
struct DeclarationCheckTests {
    /// Declared at noon UTC on 2026-11-24 (the city's day, offset 0 here).
    static let declaredAt = Date(timeIntervalSince1970: Double(CalendarDate(iso: "2026-11-24")!.daysSinceEpoch) * 86_400 + 43_200)

    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    static func declaration(from region: String? = nil, arrived: String? = nil, kind: Registration.Kind = .new) -> Registration {
        Registration(id: "REG-1", person: "R1", kind: kind, createdAt: declaredAt, fromRegion: region, arrivedOn: arrived.map(day))
    }

    @Test("no travel declared, an arrival in the 14 days before: contradicted by the arrival, kept as a code that reads back")
    func undeclaredArrival() throws {
        let r = Self.declaration()
        let c = try #require(r.contradiction(with: [FeedEvidence(.arrival, day: Self.day("2026-11-19"), detail: "420100")], offsetMinutes: 0))
        #expect(c.stored == "arrival|420100|2026-11-19" && DeclarationConflict(stored: c.stored) == c)
        #expect(c.description == "arrival from 420100 on 2026-11-19")
        // Before the window, or after they declared (a new trip): nothing to say.
        #expect(r.contradiction(with: [FeedEvidence(.arrival, day: Self.day("2026-11-09"), detail: "420100")], offsetMinutes: 0) == nil)
        #expect(r.contradiction(with: [FeedEvidence(.arrival, day: Self.day("2026-11-25"), detail: "420100")], offsetMinutes: 0) == nil)
    }

    @Test("a declared arrival: the same region agrees, another region contradicts")
    func declaredRegion() {
        let r = Self.declaration(from: "420100", arrived: "2026-11-22")
        #expect(r.contradiction(with: [FeedEvidence(.arrival, day: Self.day("2026-11-22"), detail: "420100")], offsetMinutes: 0) == nil)
        #expect(r.contradiction(with: [FeedEvidence(.arrival, day: Self.day("2026-11-21"), detail: "310000")], offsetMinutes: 0)?.evidence.detail == "310000")
    }

    @Test("presence or a sample in the city before the declared arrival contradicts it; on or after the day it does not; the latest fact is named")
    func hereBeforeArriving() throws {
        let r = Self.declaration(from: "420100", arrived: "2026-11-22")
        let onTheDay = FeedEvidence(.presence, day: Self.day("2026-11-22"), detail: "P-GATE")
        let longBefore = FeedEvidence(.presence, day: Self.day("2026-11-07"), detail: "P-GATE")
        #expect(r.contradiction(with: [onTheDay, longBefore], offsetMinutes: 0) == nil)
        let scan = FeedEvidence(.presence, day: Self.day("2026-11-18"), detail: "P-MART")
        let sample = FeedEvidence(.lab, day: Self.day("2026-11-20"), detail: "市一医院|发热门诊")
        let c = try #require(r.contradiction(with: [scan, sample, onTheDay], offsetMinutes: 0))
        #expect(c.evidence == sample && c.declaredArrival == Self.day("2026-11-22"))
        // A lab's name may hold the separator: it is the last field and reads back whole.
        #expect(DeclarationConflict(stored: c.stored) == c && c.stored == "lab|2026-11-20|2026-11-22|市一医院|发热门诊")
        // Without a declared arrival, being in the city is what they said.
        #expect(Self.declaration().contradiction(with: [scan, sample], offsetMinutes: 0) == nil)
    }

    @Test("held against feeds for 14 days, once; a claim by someone else is not a declaration; old text reads as none")
    func openToEvidence() {
        #expect(Self.declaration().isOpenToEvidence(today: Self.day("2026-12-08"), offsetMinutes: 0))
        #expect(!Self.declaration().isOpenToEvidence(today: Self.day("2026-12-09"), offsetMinutes: 0))
        #expect(!Self.declaration(kind: .claim).isOpenToEvidence(today: Self.day("2026-11-24"), offsetMinutes: 0))
        var contradicted = Self.declaration()
        contradicted.conflict = "arrival|420100|2026-11-19"
        #expect(!contradicted.isOpenToEvidence(today: Self.day("2026-11-24"), offsetMinutes: 0))
        #expect(DeclarationConflict(stored: "arrival from 420100 on 2026-11-19") == nil && DeclarationConflict(stored: "lab|x|y|z") == nil)
    }
}
