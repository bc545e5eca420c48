import Domain
import Foundation
import Testing

@Suite("Reviewing a disclosure draft")
struct DisclosureReviewTests {
    let at = Date(timeIntervalSince1970: 1_700_000_000)

    func draft() -> CaseDisclosure {
        CaseDisclosure(
            id: "case-7", number: 7, sex: .female, ageBand: "30-39", compound: "翠苑一区", compoundID: "CMP-1", latitude: 30.27, longitude: 120.12,
            district: "西湖区", confirmedOn: CalendarDate(daysSinceEpoch: 20_000),
            trajectory: [
                PublicStop(place: "联华超市", kind: .venue, from: at, to: at.addingTimeInterval(1800)),
                PublicStop(place: "8路公交", kind: .vehicle, from: at.addingTimeInterval(3600), to: at.addingTimeInterval(4200)),
                PublicStop(place: "老百姓大药房", kind: .pharmacy, from: at.addingTimeInterval(7200), to: at.addingTimeInterval(7800)),
            ], preparedAt: at)
    }

    @Test("a drafted trajectory shows half hours, widened to cover the real stay; homes and cell towers never appear")
    func halfHours() {
        let t = Date(timeIntervalSince1970: 1_700_000_000)  // 22:13:20 UTC
        let shop = Place(id: "V-1", kind: .venue, name: "联华超市"), home = Place(id: "CMP-1", kind: .compound, name: "翠苑一区")
        let d = DisclosureDraft.make(
            number: 1, sex: .male, birthYear: nil, compound: home, district: "西湖区", confirmedOn: CalendarDate(daysSinceEpoch: 19_676),
            stays: [(shop, t, t.addingTimeInterval(600)), (home, t.addingTimeInterval(900), t.addingTimeInterval(9_000))], at: t)
        #expect(d.trajectory.count == 1)
        let stop = d.trajectory[0]
        #expect(stop.from == Date(timeIntervalSince1970: 1_699_999_200) && stop.to == Date(timeIntervalSince1970: 1_700_001_000))
        #expect(stop.from <= t && stop.to >= t.addingTimeInterval(600))
    }

    @Test("an edit drops stops and renames the compound coarser, which takes its position off the map; the rest stays the data's")
    func edit() throws {
        var d = draft()
        try DisclosureEdit(compound: " 西湖区某小区 ", keptStops: [0, 2]).apply(to: &d, by: "epi", at: at)
        #expect(d.trajectory.map(\.place) == ["联华超市", "老百姓大药房"])
        #expect(d.compound == "西湖区某小区" && d.compoundID == nil && d.latitude == nil && d.longitude == nil)
        #expect(d.sex == .female && d.ageBand == "30-39" && d.district == "西湖区" && d.state == .draft)
        #expect(d.editedBy == "epi" && d.editedAt == at)

        // Keeping the compound as drafted keeps its position; an empty name hides both.
        var same = draft()
        try DisclosureEdit(compound: "翠苑一区", keptStops: [0, 1, 2]).apply(to: &same, by: "epi", at: at)
        #expect(same.latitude == 30.27 && same.trajectory.count == 3)
        var hidden = draft()
        try DisclosureEdit(compound: "", keptStops: []).apply(to: &hidden, by: "epi", at: at)
        #expect(hidden.compound == nil && hidden.latitude == nil && hidden.trajectory.isEmpty)
    }

    @Test("an edit that would publish a house number or phone, a too-long name or a stop the draft lacks is refused, naming the field, and changes nothing")
    func refusedEdits() throws {
        var d = draft()
        #expect(throws: DisclosureReviewProblem.compoundLooksPersonal) {
            try DisclosureEdit(compound: "翠苑一区 13800138000", keptStops: [0]).apply(to: &d, by: "epi", at: at)
        }
        #expect(throws: DisclosureReviewProblem.compoundTooLong(61)) {
            try DisclosureEdit(compound: String(repeating: "区", count: 61), keptStops: [0]).apply(to: &d, by: "epi", at: at)
        }
        #expect(throws: DisclosureReviewProblem.unknownStop(3)) { try DisclosureEdit(compound: "翠苑一区", keptStops: [0, 3]).apply(to: &d, by: "epi", at: at) }
        #expect(d == draft())
        #expect(DisclosureReviewProblem.compoundLooksPersonal.field == "compound")
        // Four digits (a building number like "2号楼 1201" has four) are allowed.
        try DisclosureEdit(compound: "翠苑一区1201", keptStops: [0]).apply(to: &d, by: "epi", at: at)
    }

    @Test("a rejection needs a reason; only a draft is edited or rejected")
    func rejection() throws {
        var d = draft()
        #expect(throws: DisclosureReviewProblem.reasonMissing) { try DisclosureRejection(reason: "  ").apply(to: &d, by: "epi", at: at) }
        #expect(d.state == .draft)
        try DisclosureRejection(reason: " 病例为境外输入，由省级统一发布 ").apply(to: &d, by: "epi", at: at)
        #expect(d.state == .rejected && d.rejection == CaseDisclosure.Rejection(reason: "病例为境外输入，由省级统一发布", by: "epi", at: at))
        #expect(throws: DisclosureReviewProblem.notADraft(.rejected)) { try DisclosureRejection(reason: "again").apply(to: &d, by: "epi", at: at) }
        #expect(throws: DisclosureReviewProblem.notADraft(.rejected)) { try DisclosureEdit(compound: "", keptStops: []).apply(to: &d, by: "epi", at: at) }
        // The public document never carries the rejection or who edited.
        #expect(!CaseDisclosure.allowedFields.contains("rejection") && !CaseDisclosure.allowedFields.contains("editedBy"))
    }
}
