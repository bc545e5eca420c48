import DemoCity
import Domain
import Foundation
import Privacy
import Supplies

/// The demo's supplies, so every supplies page and open-data document has content on first start:
/// stock at every pharmacy, a drawn round (seed revealed, winners, two pickups; the demo resident
/// won at their grid's pharmacy), an open round for children's masks, and a ledger of donations,
/// allocations and a correction whose goods went down to a district and a street.
extension DemoLoader {
    func loadSupplies(_ plans: [DemoAccountPlan], actor: String) async throws -> [DemoAccount] {
        guard let pharmacyPlan = plans.first(where: { $0.role == .pharmacist }), let gridID = pharmacyPlan.jurisdictionID,
            let grid = try await store.area(id: gridID), let home = try await store.place(id: "PH-\(gridID)")
        else { return [] }
        let now = clock.now()
        var signIns: [DemoAccount] = []

        // Stock everywhere, as each pharmacy reported it this morning.
        let all = try await store.places(kind: .pharmacy, within: .everywhere)
        var stock: [PharmacyStock] = []
        for (i, p) in all.enumerated() {
            stock.append(PharmacyStock(pharmacy: p.id, product: "adult-mask", units: 40 + (i * 37) % 460, updatedAt: now.addingTimeInterval(-Double(i % 50) * 60), updatedBy: actor))
            stock.append(PharmacyStock(pharmacy: p.id, product: "child-mask", units: (i * 13) % 120, updatedAt: now.addingTimeInterval(-Double(i % 50) * 60), updatedBy: actor))
        }
        try await store.setStock(stock, audit: clock.event(actor, .demo("stock"), detail: "\(all.count) pharmacies"))

        // The pharmacy's sign-in (a password to print, like the other demo sign-ins).
        let password = SecretToken.generate().prefix(12).description
        var pharmacist = try await staff.pharmacist(username: pharmacyPlan.username, displayName: pharmacyPlan.displayName, pharmacy: home, area: grid).account
        pharmacist.passwordHash = accounts.hash(password)
        pharmacist.mustChangePassword = false
        try await store.createAccount(pharmacist, audit: clock.event(actor, .accountCreate, kind: "account", id: pharmacist.id, detail: "pharmacist for \(home.id)"))
        signIns.append(DemoAccount(role: Role.pharmacist.rawValue, username: pharmacist.username, password: password, jurisdiction: grid.id, note: home.name))

        try await loadRounds(grid: grid, home: home, actor: actor)
        try await loadLedger(grid: grid, plans: plans, actor: actor)
        return signIns
    }

    /// A drawn round over the first grid's district, two days ago, and an open one for children's masks.
    private func loadRounds(grid: Area, home: Place, actor: String) async throws {
        let now = clock.now()
        let path = grid.path.split(separator: "/").map(String.init)
        guard path.count >= 2, let district = try await store.area(id: path[1]), let city = try await store.area(id: path[0]) else { return }
        let officer = Principal(subject: .staff(accountID: actor), role: .commandCentre, displayName: "demo", jurisdictionID: city.id, jurisdictionPath: city.path)
        let local = profiles.profile.localTime
        var form = MaskRoundService.Form()
        (form.product, form.area, form.perEntry, form.perPharmacy) = ("adult-mask", district.id, "5", "10")
        (form.opensAt, form.closesAt) = (local.input(now.addingTimeInterval(-3 * 86_400)), local.input(now.addingTimeInterval(-2 * 86_400)))
        let drawn = try await maskRounds.create(form, as: officer)

        // Entrants: neighbours at each pharmacy (more than its two winners' worth), and at the
        // demo resident's pharmacy only them and one neighbour, so both win.
        guard let key = try await store.roundTokenKey(id: drawn.id) else { return }
        let pharmacies = drawn.quantities.keys.sorted()
        let people = try await store.residents(within: district.path, after: nil, limit: 600).map(\.id).filter { $0 != ResidentStream.demoResidentID }
        var entries: [RoundEntry] = []
        var homeCount = 0
        for (i, person) in people.enumerated() {
            let pharmacy = pharmacies[i % pharmacies.count]
            if pharmacy == home.id {
                guard homeCount < 1 else { continue }
                homeCount += 1
            }
            entries.append(RoundEntry(round: drawn.id, person: person, token: RoundToken.token(key: key, round: drawn.id, person: person), pharmacy: pharmacy, enteredBy: "resident:\(person)", enteredAt: drawn.opensAt.addingTimeInterval(Double(i * 60))))
        }
        let me = ResidentStream.demoResidentID
        entries.append(RoundEntry(round: drawn.id, person: me, token: RoundToken.token(key: key, round: drawn.id, person: me), pharmacy: home.id, enteredBy: "resident:\(me)", enteredAt: drawn.opensAt.addingTimeInterval(3_600)))
        for entry in entries {
            try await store.enterRound(entry, audit: clock.event(actor, .demo("round-entry"), kind: "person", id: entry.person, detail: drawn.id))
        }
        try await maskRounds.draw(drawn.id, as: nil)
        // Two winners elsewhere already collected theirs.
        var collected = 0
        for entry in entries where entry.person != me && entry.pharmacy != home.id && collected < 2 {
            guard let allocation = try await store.allocations(person: entry.person).first(where: { $0.round == drawn.id }) else { continue }
            _ = try await store.collect(allocation: allocation.id, pharmacy: allocation.pharmacy, by: actor, at: now, audit: clock.event(actor, .pickupCollect, kind: "pharmacy", id: allocation.pharmacy, detail: allocation.id))
            collected += 1
        }

        // Children's masks, open until the day after tomorrow, across the city.
        var open = MaskRoundService.Form()
        (open.product, open.area, open.perEntry, open.areaTotal) = ("child-mask", city.id, "5", "\(max(20, pharmacies.count * 10))")
        (open.opensAt, open.closesAt) = (local.input(now.addingTimeInterval(-3_600)), local.input(now.addingTimeInterval(2 * 86_400)))
        _ = try await maskRounds.create(open, as: officer)
    }

    /// Donations in, allocations out (one of goods to the district, sent on to a street and
    /// received), and the correction of a mistyped amount — each entered by one officer and
    /// approved by the other.
    private func loadLedger(grid: Area, plans: [DemoAccountPlan], actor: String) async throws {
        let ledgerPlans = plans.filter { $0.role == .ledgerOfficer }
        guard ledgerPlans.count >= 2, let a = try await store.account(username: ledgerPlans[0].username),
            let b = try await store.account(username: ledgerPlans[1].username)
        else { return }
        let clerk = Principal(staff: a), reviewer = Principal(staff: b)
        let path = grid.path.split(separator: "/").map(String.init)
        guard path.count >= 3, let district = try await store.area(id: path[1]), let street = try await store.area(id: path[2]) else { return }
        let today = CalendarDate(localDayOf: clock.now(), offsetMinutes: profiles.profile.colours.dayOffsetMinutes)
        func day(_ back: Int) -> String { CalendarDate(daysSinceEpoch: today.daysSinceEpoch - back).description }
        let lines: [LedgerForm] = [
            LedgerForm(kind: "donation", date: day(6), item: "cash", amount: "1000000.00", donor: "浙江某某集团有限公司", purpose: "抗疫专项"),
            LedgerForm(kind: "donation", date: day(5), item: "cash", amount: "5200", donor: "anonymous"),
            LedgerForm(kind: "donation", date: day(5), item: "N95 口罩", amount: "20000", unit: "只", donor: "某某医疗器械公司"),
            LedgerForm(kind: "allocation", date: day(4), item: "cash", amount: "300000", recipient: "市第一人民医院", purpose: "防护物资采购"),
            LedgerForm(kind: "allocation", date: day(3), item: "N95 口罩", amount: "8000", unit: "只", recipientArea: district.id, purpose: "一线防控人员"),
            // The anonymous gift was ¥520.00, entered as ¥5,200: corrected by a new line, never edited.
            LedgerForm(kind: "correction", date: day(2), item: "cash", amount: "520.00", corrects: "2", note: "录入时多写一位 / an extra digit when entered"),
            LedgerForm(kind: "donation", date: day(1), item: "医用防护服", amount: "1500", unit: "套", donor: "某某纺织公司"),
        ]
        for line in lines {
            let draft = try await ledger.enter(line, as: clerk)
            _ = try await ledger.approve(draft.id, as: reviewer)
        }
        // One line waits for approval, so the queue has something on first start.
        _ = try await ledger.enter(LedgerForm(kind: "allocation", date: day(0), item: "医用防护服", amount: "500", unit: "套", recipient: "市第二人民医院"), as: clerk)

        // The district confirms the N95 masks and sends part of them to the grid's street, which confirms.
        let officer = Principal(subject: .staff(accountID: actor), role: .districtOfficer, displayName: "demo", jurisdictionID: district.id, jurisdictionPath: district.path)
        for s in try await store.shipments(within: AreaPath(district.path), page: PageRequest(limit: 10)).items where s.state == .sent {
            _ = try await shipments.receive(s.id, as: officer)
        }
        let onward = try await shipments.send(item: "N95 口罩", quantity: "3000", from: district.id, to: street.id, as: officer)
        let streetOfficer = Principal(subject: .staff(accountID: actor), role: .streetOfficer, displayName: "demo", jurisdictionID: street.id, jurisdictionPath: street.path)
        _ = try await shipments.receive(onward.id, as: streetOfficer)
    }
}
