import Domain
import Foundation
import Testing

/// Who may enter a round: one entry per person, the quota per period (a priority group's own),
/// odd/even days by the identity number's last character.
@Suite struct RationingTests {
    let now = Date(timeIntervalSince1970: 1_580_544_000)
    var round: MaskRound {
        MaskRound(
            id: "R1", product: "adult-mask", opensAt: now.addingTimeInterval(-3600), closesAt: now.addingTimeInterval(3600), perEntry: 5,
            quantities: ["P1": 100], commitment: "", seed: "", areaID: "3301", areaPath: "/3301/", createdBy: "cc")
    }
    let odd = CalendarDate(year: 2020, month: 2, day: 1)!
    let even = CalendarDate(year: 2020, month: 2, day: 2)!

    func check(_ rules: SupplyRules = .standard, used: Int = 0, groups: Set<String> = [], id: String? = "330102199001011234", day: CalendarDate? = nil,
               entered: Bool = false, pharmacy: String = "P1", round r: MaskRound? = nil) -> Rationing.Refusal? {
        Rationing.check(
            round: r ?? round, pharmacy: pharmacy, alreadyEntered: entered, used: used, groups: groups, idNumber: id, today: day ?? odd, now: now, rules: rules)
    }

    @Test func oneEntryAndTheQuota() {
        #expect(check() == nil)
        #expect(check(entered: true) == .alreadyEntered)
        #expect(check(pharmacy: "P2") == .unknownPharmacy("P2"))
        // 5 masks per 10 days: a second round's 5 would make 10.
        #expect(check(used: 5) == .quotaReached(quota: 5, periodDays: 10, used: 5))
        // Medical staff have 10.
        #expect(check(used: 5, groups: ["medical"]) == nil)
        #expect(check(used: 6, groups: ["medical", "elderly-alone"]) == .quotaReached(quota: 10, periodDays: 10, used: 6))
    }

    @Test func closedRoundsTakeNoEntries() {
        var r = round
        r.closesAt = now
        #expect(check(round: r) == .roundNotOpen)
        r = round
        r.state = .drawn
        #expect(check(round: r) == .roundNotOpen)
    }

    @Test func oddEvenDaysFollowTheLastCharacter() {
        var rules = SupplyRules.standard
        #expect(check(rules, id: "330102199001011234", day: odd) == nil)  // off: any day
        rules.oddEvenDays = true
        #expect(check(rules, id: "330102199001011234", day: odd) == .otherDay(odd: true))
        #expect(check(rules, id: "330102199001011234", day: even) == nil)
        #expect(check(rules, id: "33010219900101123X", day: even) == nil)  // X counts as 10
        #expect(check(rules, id: "330102199001011235", day: odd) == nil)
        #expect(check(rules, id: nil, day: even) == nil)  // no number: any day
    }

    @Test func ledgerBalancesNeverGoNegative() throws {
        let draft = LedgerDraft(id: "d", kind: .allocation, date: odd, item: "N95", amount: 300, enteredBy: "a", enteredByName: "A", enteredAt: now)
        let effect = try LedgerRules.effect(of: draft, corrected: nil, current: nil)
        #expect(effect.delta == -300 && effect.direction == .out)
        #expect(throws: LedgerRules.Refusal.negativeBalance(item: "N95", balance: -100)) { try LedgerRules.check(balance: 200, delta: -300, item: "N95") }
        try LedgerRules.check(balance: 300, delta: -300, item: "N95")
    }

    @Test func aCorrectionChangesItsOriginalsAmount() throws {
        let original = LedgerEntry(seq: 4, kind: .donation, date: odd, item: "cash", amount: 10_000, enteredBy: "a", approvedBy: "b", recordedAt: now)
        var fix = LedgerDraft(id: "d", kind: .correction, date: odd, item: "cash", amount: 1_000, enteredBy: "a", enteredByName: "A", enteredAt: now)
        fix.corrects = 4
        let effect = try LedgerRules.effect(of: fix, corrected: original, current: 10_000)
        #expect(effect.delta == -9_000 && effect.direction == .in)
        fix.item = "N95"
        #expect(throws: LedgerRules.Refusal.otherItem(expected: "cash", given: "N95")) { try LedgerRules.effect(of: fix, corrected: original, current: 10_000) }
        #expect(throws: LedgerRules.Refusal.unknownEntry(4)) { try LedgerRules.effect(of: fix, corrected: nil, current: nil) }
    }

    @Test func amountsAsTyped() {
        #expect(LedgerForm.cents("1234.5") == 123_450)
        #expect(LedgerForm.cents("1,000.05") == 100_005)
        #expect(LedgerForm.cents("0.01") == 1)
        #expect(LedgerForm.cents("1.234") == nil)
        #expect(LedgerForm.cents("-5") == nil)
        #expect(LedgerForm.cents("0") == nil)
        let form = LedgerForm(kind: "donation", date: "2020-02-30", item: "cash", amount: "abc", donor: "")
        guard case .failure(let problems) = form.draft(id: "x", enteredBy: "a", enteredByName: "A", at: now) else {
            Issue.record("a bad form made a draft")
            return
        }
        #expect(problems.all.map(\.field) == ["date", "amount", "donor"])
    }
}
