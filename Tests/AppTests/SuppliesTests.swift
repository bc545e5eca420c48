import App
import Credentials
import DemoCity
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Privacy
import Supplies
import Synchronization
import Testing
import TestSupport

/// Supplies end to end on the real application: a reservation round anyone can recompute (with an
/// independent implementation, `scripts/recompute-lottery.py`), quota and one entry per person
/// (proxies and odd/even days too), pickups once and only at the chosen pharmacy, the two-person
/// ledger whose published chain verifies (`scripts/verify-ledger.py`) and shows an edit, and stock
/// as open data and through the API.
@Suite("Supplies")
struct SuppliesTests {
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts")

    /// Runs one of the repository's Python checkers on a document; its exit status and output.
    static func python(_ script: String, _ document: Data) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cordon-\(UUID().uuidString).json")
        try document.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.scripts.appendingPathComponent(script).path, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    static func resident(_ id: String, dependants: [String] = []) -> Principal {
        Principal(subject: .resident(residentID: id), role: dependants.isEmpty ? .resident : .proxy, displayName: id, dependants: dependants)
    }

    /// The small test city has one pharmacy; a second, imported in its last grid, makes "another pharmacy".
    static func secondPharmacy(_ city: TestCity) async throws -> [String] {
        let grid = city.city.grids[city.city.grids.count - 1].area
        _ = try await city.services.store.insertPlaces([Place(id: "PH-TEST", kind: .pharmacy, name: "第二大药房", areaID: grid.id, latitude: 30.3, longitude: 120.2)], audit: nil)
        return try await city.services.store.places(kind: .pharmacy, within: .everywhere).map(\.id).sorted()
    }

    @Test("a round: quota, one entry per identity, proxies, odd/even days; drawn by a rule anyone recomputes; pickup once, at its pharmacy", arguments: Backend.available)
    func lottery(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend)
        let s = city.services
        let store = s.store
        let cityID = try #require(try city.account("command").jurisdiction)
        let pharmacies = try await Self.secondPharmacy(city)
        try #require(pharmacies.count == 2)
        let residentAccount = try city.account("resident"), proxyAccount = try city.account("proxy")
        let me = try #require(residentAccount.residentID), proxyID = try #require(proxyAccount.residentID)
        let dependant = ResidentStream.demoDependantID
        let local = s.profiles.profile.localTime
        let now = s.clock.now()
        let opens = now.addingTimeInterval(-300), closes = now.addingTimeInterval(3 * 86_400)
        // Residents sign in once (a second SMS code within the minute is not sent); the sessions live in the store.
        let cookies = Mutex<[String: String]>([:])
        try await city.test { client in
            let command = try await client.signIn(try city.account("command"))
            var form = ["product": "adult-mask", "area": cityID, "opensAt": local.input(opens), "closesAt": local.input(closes), "perEntry": "5", "perPharmacy": "5"]
            // Units at each pharmacy and a total at once: refused, naming the field.
            var both = form
            both["areaTotal"] = "10"
            let refused = try await client.postForm("/supplies/rounds", both, cookie: command, language: "en")
            #expect(refused.status == .badRequest && refused.text.contains("Units: give the units at each pharmacy or a total for the area"))
            form["opensAt"] = local.input(opens)
            let created = try await client.postForm("/supplies/rounds", form, cookie: command)
            #expect(created.status == .seeOther && created.headers[.location]?.hasPrefix("/public/mask-rounds/MR-") == true)
        }
        let roundID = try #require(try await store.rounds(within: .everywhere, page: PageRequest()).items.first { $0.product == "adult-mask" && $0.state == .open }?.id)
        let created = try #require(try await store.round(id: roundID))
        #expect(created.quantities == Dictionary(uniqueKeysWithValues: pharmacies.map { ($0, 5) }))
        try await city.test { client in
            let command = try await client.signIn(try city.account("command"))
            let round = created

            // Before the draw the commitment is public, the seed and the entries are not.
            let early = try JSONSerialization.jsonObject(with: Data(buffer: try await client.get("/open-data/mask-rounds/\(roundID).json").body)) as? [String: Any]
            #expect(early?["commitment"] as? String == round.commitment && early?["seed"] is NSNull && (early?["entries"] as? [Any])?.isEmpty == true)
            #expect(try await client.postForm("/supplies/rounds/\(roundID)/draw", [:], cookie: command, language: "en").text.contains("cannot be drawn yet"))

            // The demo resident won 5 masks two days ago: a second 5 would pass the quota of 5 per 10 days.
            let resident = try await client.signInResident(try #require(residentAccount.phone), store: store)
            cookies.withLock { $0["resident"] = resident }
            let overQuota = try await client.postForm("/masks/enter", ["round": roundID, "person": me, "pharmacy": pharmacies[0]], cookie: resident, language: "en")
            #expect(overQuota.status == .badRequest && overQuota.text.contains("Quota reached: 5 of 5 units in 10 days"))
            // A proxy enters for their dependant, once; not for someone they hold no code for.
            let proxy = try await client.signInResident(try #require(proxyAccount.phone), store: store)
            cookies.withLock { $0["proxy"] = proxy }
            #expect(try await client.postForm("/masks/enter", ["round": roundID, "person": dependant, "pharmacy": pharmacies[0]], cookie: proxy).status == .seeOther)
            let twice = try await client.postForm("/masks/enter", ["round": roundID, "person": dependant, "pharmacy": pharmacies[1]], cookie: proxy, language: "zh-CN")
            #expect(twice.status == .badRequest && twice.text.contains("此人已参与本轮预约"))
            #expect(try await client.postForm("/masks/enter", ["round": roundID, "person": me, "pharmacy": pharmacies[0]], cookie: proxy).status == .forbidden)
        }

        // Odd/even days: a neighbour's entry is refused on the other parity's day, taken on theirs.
        var oddEven = s.profiles.profile
        oddEven.supplies.oddEvenDays = true
        var neighbour: SealedResident?
        for candidate in try await store.residents(within: "/", after: nil, limit: 40) where ![me, proxyID, dependant].contains(candidate.id) {
            if try await store.allocations(person: candidate.id).isEmpty { neighbour = candidate; break }
        }
        let chosen = try #require(neighbour)
        let number = try #require(try s.vault.open(chosen).idNumber)
        let days = (0...3).map { now.addingTimeInterval(Double($0) * 86_400 + 60) }.filter { $0 < closes }
        func allowed(_ t: Date) -> Bool {
            Rationing.dayAllowed(idNumber: number, day: CalendarDate(localDayOf: t, offsetMinutes: oddEven.colours.dayOffsetMinutes), rules: oddEven.supplies)
        }
        let wrong = try #require(days.first { !allowed($0) }), right = try #require(days.first(where: allowed))
        let onWrong = CordonServices(settings: s.settings, store: store, vault: s.vault, logger: s.logger, profile: oddEven, now: { wrong })
        await #expect(throws: Rationing.Refusal.self) {
            try await onWrong.maskRounds.enter(round: roundID, person: chosen.id, pharmacy: pharmacies[1], as: Self.resident(chosen.id))
        }
        let onRight = CordonServices(settings: s.settings, store: store, vault: s.vault, logger: s.logger, profile: oddEven, now: { right })
        _ = try await onRight.maskRounds.enter(round: roundID, person: chosen.id, pharmacy: pharmacies[1], as: Self.resident(chosen.id))
        let proxyEntry = try #require(try await store.entries(person: dependant).first { $0.round == roundID })

        // Neighbours enter too, at both pharmacies (more entries than each pharmacy's one winner).
        var entered = [dependant, chosen.id]
        for person in try await store.residents(within: "/", after: nil, limit: 60).map(\.id) where !entered.contains(person) && person != me && person != proxyID {
            guard try await store.allocations(person: person).isEmpty, entered.count < 14 else { continue }
            _ = try await s.maskRounds.enter(round: roundID, person: person, pharmacy: pharmacies[entered.count % 2], as: Self.resident(person))
            entered.append(person)
        }
        let enteredCount = entered.count
        #expect(try await store.roundEntryCount(round: roundID) == enteredCount)

        // Closed: drawn (as the loop does), once.
        let later = CordonServices(settings: s.settings, store: store, vault: s.vault, logger: s.logger, profile: s.profiles.profile, now: { closes.addingTimeInterval(60) })
        #expect(try await later.maskRounds.drawDue() >= 1)
        #expect(try await !later.maskRounds.draw(roundID, as: nil))
        let round = try #require(try await store.round(id: roundID))
        #expect(round.state == .drawn && Lottery.matches(seedHex: round.seed, commitment: round.commitment))

        let laterApp = try await buildApplication(services: later, backgroundLoops: false)
        try await laterApp.test(.router) { client in
            let published = try await client.get("/open-data/mask-rounds/\(roundID).json")
            let etag = try #require(published.headers[.eTag])
            #expect(published.status == .ok)
            let document = Data(buffer: published.body)
            // Streamed piece by piece, still cached by readers: the same version answers 304.
            let again = try await client.execute(uri: "/open-data/mask-rounds/\(roundID).json", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified && again.body.readableBytes == 0)
            // The independent implementation agrees: seed against commitment, ranking, winners.
            let checked = try Self.python("recompute-lottery.py", document)
            #expect(checked.status == 0 && checked.output.contains("\"matches\": true"), "\(checked.output)")
            let json = try #require(try JSONSerialization.jsonObject(with: document) as? [String: Any])
            let winners = try #require(json["winners"] as? [String])
            #expect(winners.count == 2 && (json["entries"] as? [Any])?.count == enteredCount)
            // No identity is published: tokens and pharmacies only.
            #expect(!String(decoding: document, as: UTF8.self).contains(chosen.id) && !String(decoding: document, as: UTF8.self).contains(number))
            // A winners list that is not the rule's is caught.
            var forged = json
            forged["winners"] = [proxyEntry.token]
            let caught = try Self.python("recompute-lottery.py", try JSONSerialization.data(withJSONObject: forged))
            #expect(caught.status == 1 && caught.output.contains("\"matches\": false"))
            let list = try await client.get("/open-data/mask-rounds.json")
            #expect(list.text.contains(roundID) && list.text.contains(round.seed))
        }

        try await city.test { client in
            // The proxy sees the tokens they hold and what came of them.
            let proxy = try #require(cookies.withLock { $0["proxy"] })
            let page = try await client.get("/masks", cookie: proxy, language: "en")
            #expect(page.text.contains(proxyEntry.token))
            let proxyWon = try await store.entries(person: dependant).first { $0.round == roundID }?.won == true
            #expect(page.text.contains(proxyWon ? "Won" : "Not drawn"))

            // The demo resident collects what they won two days ago: their code at another pharmacy
            // is refused, at theirs it is honoured once, and the shelf goes down.
            let allocation = try #require(try await store.allocations(person: me).first { $0.state == .awaiting })
            let resident = try #require(cookies.withLock { $0["resident"] })
            let shown = try await client.postForm("/masks/\(allocation.id)/code", [:], cookie: resident)
            let codePattern = try Regex(#"CDP1:[0-9A-Z $%*+\-./:]+"#)
            let code = try #require(shown.text.firstMatch(of: codePattern).map { String(shown.text[$0.range]).trimmingCharacters(in: .whitespaces) })
            let command = try await client.signIn(try city.account("command"))
            let other = try #require(pharmacies.first { $0 != allocation.pharmacy })
            let opened = try await client.postForm("/supplies/pharmacies/\(other)/account", ["username": "ph2", "displayName": "王药师"], cookie: command, language: "en")
            let oneTime = try #require(opened.text.firstMatch(of: #/one-time password ([^ ]+) /#).map { String($0.output.1) })
            let ph2 = try await client.signInFirstTime("ph2", oneTime: oneTime, newPassword: "kouzhao-2020-yuyue")
            let elsewhere = try await client.postForm("/pharmacy/scan", ["code": code], cookie: ph2, language: "en")
            #expect(elsewhere.status == .badRequest && elsewhere.text.contains("for another pharmacy"))
            let before = try await store.stock(pharmacy: allocation.pharmacy).first { $0.product == "adult-mask" }?.units ?? 0
            let pharmacy = try await client.signIn(try city.account("pharmacy"))
            let handed = try await client.postForm("/pharmacy/scan", ["code": code], cookie: pharmacy, language: "en")
            #expect(handed.status == .ok && handed.text.contains("Hand over 5"))
            let again = try await client.postForm("/pharmacy/scan", ["code": code], cookie: pharmacy, language: "en")
            #expect(again.status == .badRequest && again.text.contains("a code is used once"))
            #expect(try await store.stock(pharmacy: allocation.pharmacy).first { $0.product == "adult-mask" }?.units == max(0, before - 5))
            #expect(try await store.allocation(id: allocation.id)?.state == .collected)
            // A forged code is refused by its signature.
            let forged = try await client.postForm("/pharmacy/scan", ["code": String(code.dropLast(2)) + "00"], cookie: pharmacy, language: "en")
            #expect(forged.status == .badRequest)
        }
        try await city.close()
    }

    @Test("the ledger: two people per line, no balance below zero, corrections as new lines; the published chain verifies and shows an edit; goods go down and are received", arguments: Backend.available)
    func ledger(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let s = city.services
        let store = s.store
        try await city.test { client in
            let clerk = try await client.signIn(try city.account("ledger")), reviewer = try await client.signIn(try city.account("ledger2"))
            // A bad line: each field named, what was typed kept.
            let bad = try await client.postForm("/ledger", ["kind": "donation", "date": "2020-02-30", "item": "cash", "amount": "abc", "donor": ""], cookie: clerk, language: "en")
            #expect(bad.status == .badRequest && bad.text.contains("Date: YYYY-MM-DD") && bad.text.contains("Amount (yuan) or quantity: cash in yuan"))
            #expect(bad.text.contains("value=\"abc\""))
            #expect(try await client.postForm(
                "/ledger", ["kind": "donation", "date": "2020-02-03", "item": "cash", "amount": "1000.50", "donor": "测试捐赠人"], cookie: clerk).status == .seeOther)
            let draft = try #require(try await store.pendingLedgerDrafts(page: PageRequest()).items.first { $0.donor == "测试捐赠人" })
            #expect(draft.amount == 100_050)
            // The one who entered it cannot approve it.
            let own = try await client.postForm("/ledger/\(draft.id)/approve", [:], cookie: clerk, language: "en")
            #expect(own.status == .badRequest && own.text.contains("two-person rule"))
            let approved = try await client.postForm("/ledger/\(draft.id)/approve", [:], cookie: reviewer, language: "en")
            #expect(approved.status == .ok && approved.text.contains("Sealed as entry"))
            let entry = try #require(try await store.ledgerEntries(from: 1, limit: 100).last)
            #expect(entry.donor == "测试捐赠人" && entry.amountCents == 100_050)

            // More out than in: refused at approval, in both languages, nothing appended.
            let cash = try #require(try await store.ledgerBalances().first { $0.item == "cash" })
            _ = try await client.postForm(
                "/ledger", ["kind": "allocation", "date": "2020-02-04", "item": "cash", "amount": "\(cash.balance / 100 + 1)", "recipient": "某医院"], cookie: clerk)
            let tooMuch = try #require(try await store.pendingLedgerDrafts(page: PageRequest()).items.first { $0.recipient == "某医院" })
            let refusedEn = try await client.postForm("/ledger/\(tooMuch.id)/approve", [:], cookie: reviewer, language: "en")
            #expect(refusedEn.status == .badRequest && refusedEn.text.contains("no more can go out than came in"))
            let refusedZh = try await client.postForm("/ledger/\(tooMuch.id)/approve", [:], cookie: reviewer, language: "zh-CN")
            #expect(refusedZh.text.contains("拨付不能超过接收"))
            #expect(try await store.ledgerEntryCount() == entry.seq)

            // A correction is a new line; the balance follows it.
            _ = try await client.postForm(
                "/ledger", ["kind": "correction", "date": "2020-02-05", "item": "cash", "amount": "100.50", "corrects": "\(entry.seq)"], cookie: clerk)
            let fix = try #require(try await store.pendingLedgerDrafts(page: PageRequest()).items.first { $0.kind == .correction })
            #expect(try await client.postForm("/ledger/\(fix.id)/approve", [:], cookie: reviewer).status == .ok)
            #expect(try await store.ledgerBalances().first { $0.item == "cash" }?.received == cash.received - 90_000)
            #expect(try await store.ledgerEntry(seq: entry.seq)?.amountCents == 100_050)  // the original stands as it was

            // The published chain verifies with the independent checker; an edited amount is caught.
            let published = try await client.get("/open-data/donations.json")
            let document = Data(buffer: published.body)
            let verified = try Self.python("verify-ledger.py", document)
            #expect(verified.status == 0 && verified.output.contains("\"valid\": true"), "\(verified.output)")
            let text = String(decoding: document, as: UTF8.self)
            #expect(text.contains("\"amountCents\":100050"))
            let edited = Data(text.replacingOccurrences(of: "\"amountCents\":100050", with: "\"amountCents\":10050").utf8)
            let caught = try Self.python("verify-ledger.py", edited)
            #expect(caught.status == 1 && caught.output.contains("entry \(entry.seq) does not hash"))
            #expect(try await client.get("/open-data/donations.csv").text.contains("测试捐赠人"))
            let page = try await client.get("/public/donations", language: "en")
            #expect(page.text.contains("测试捐赠人") && page.text.contains("¥100.50"))

            // Goods to the district: a shipment the district confirms; the dashboard shows it held.
            let districtAccount = try city.account("district")
            let districtID = try #require(districtAccount.jurisdiction)
            let districtName = try #require(try await store.area(id: districtID)?.name)
            _ = try await client.postForm(
                "/ledger", ["kind": "allocation", "date": "2020-02-06", "item": "N95 口罩", "amount": "100", "unit": "只", "recipientArea": districtName], cookie: clerk)
            let goods = try #require(try await store.pendingLedgerDrafts(page: PageRequest()).items.first { $0.recipientArea == districtAccount.jurisdiction })
            #expect(try await client.postForm("/ledger/\(goods.id)/approve", [:], cookie: reviewer).status == .ok)
            let district = try await client.signIn(districtAccount)
            let shipment = try #require(try await store.shipments(within: .everywhere, page: PageRequest()).items.first { $0.quantity == 100 && $0.state == .sent })
            #expect(try await client.get("/supplies", cookie: district, language: "en").text.contains("/supplies/shipments/\(shipment.id)/receive"))
            #expect(try await client.postForm("/supplies/shipments/\(shipment.id)/receive", [:], cookie: district).status == .seeOther)
            // Sending on more than it holds is refused with the quantity named.
            let tooMany = try await client.postForm(
                "/supplies/shipments", ["item": "N95 口罩", "quantity": "999999", "to": try await store.children(of: districtID).first?.id ?? ""],
                cookie: district, language: "en")
            #expect(tooMany.status == .badRequest && tooMany.text.contains("Quantity:") && tooMany.text.contains("held"))
            let dashboard = try await client.get("/dashboard", cookie: district, language: "en")
            #expect(dashboard.text.contains("Supplies held by level") && dashboard.text.contains("N95 口罩"))
            // The ledger office's pages are theirs: a grid worker is refused.
            #expect(try await client.get("/ledger", cookie: try await client.signIn(try city.account("grid"))).status == .forbidden)
        }
        try await city.close()
    }

    @Test("stock set by the pharmacy's page and by a feed through the API is open data at once, with an ETag", arguments: Backend.available)
    func stock(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend)
        let store = city.services.store
        let feedToken = try #require(try city.account("feed").token)
        let pharmacies = try await Self.secondPharmacy(city)
        try await city.test { client in
            let pharmacy = try await client.signIn(try city.account("pharmacy"))
            let bad = try await client.postForm("/pharmacy/stock", ["units_adult-mask": "many"], cookie: pharmacy, language: "en")
            #expect(bad.status == .badRequest && bad.text.contains("a whole number from 0") && bad.text.contains("value=\"many\""))
            #expect(try await client.postForm("/pharmacy/stock", ["units_adult-mask": "77", "units_child-mask": "0"], cookie: pharmacy).status == .seeOther)
            let own = try #require(try await store.account(username: "pharmacy")?.pharmacyID)
            #expect(try await store.stock(pharmacy: own).first { $0.product == "adult-mask" }?.units == 77)

            let other = try #require(pharmacies.first { $0 != own })
            func put(_ id: String, _ body: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/pharmacies/\(id)/stock", method: .put, headers: [.authorization: "Bearer \(feedToken)", .contentType: "application/json"],
                    body: ByteBuffer(string: body))
            }
            let set = try await put(other, #"{"stock":{"adult-mask":321}}"#)
            #expect(set.status == .ok && set.text.contains("\"units\":321"))
            #expect(try await put(other, #"{"stock":{"gloves":3}}"#).status == .badRequest)
            #expect(try await put(other, #"{"stock":{"adult-mask":-1}}"#).status == .badRequest)
            #expect(try await put("no-such-place", #"{"stock":{"adult-mask":1}}"#).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/pharmacies/\(other)/stock", method: .put, headers: [.contentType: "application/json"], body: ByteBuffer(string: #"{"stock":{"adult-mask":1}}"#)).status == .unauthorized)

            let json = try await client.get("/open-data/pharmacy-stock.json")
            #expect(json.status == .ok && json.text.contains("\"adult-mask\":321") && json.text.contains("\"adult-mask\":77"))
            let tag = try #require(json.headers[.eTag])
            let again = try await client.execute(uri: "/open-data/pharmacy-stock.json", method: .get, headers: [.ifNoneMatch: tag])
            #expect(again.status == .notModified)
            #expect(try await client.get("/open-data/pharmacy-stock.csv").text.contains("\(other),"))
            #expect(try await client.get("/open-data/pharmacy-stock.geojson").text.contains("\"FeatureCollection\""))
            let list = try await client.get("/public/pharmacies", language: "en")
            #expect(list.status == .ok && list.text.contains("Adult masks 321"))
        }
        try await city.close()
    }
}
