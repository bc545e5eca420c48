import Domain
import Foundation
import Hummingbird

/// The public's supplies pages, no sign-in: pharmacies with their stock (list and map), the
/// reservation rounds with what anyone needs to recompute them, and the donation ledger.
struct SupplyPublicPagesController {
    let pharmacies: PharmacyService
    let rounds: MaskRoundService
    let pickups: PickupService
    let ledger: DonationLedgerService
    let profiles: ProfileStore
    let clock: WallClock
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("public/pharmacies") { request, context in
            let lang = Language.of(request)
            let q = request.uri.queryParameters
            let found = try await pharmacies.publicPage(Pager.request(q))
            let rows = found.items.map { p in
                PharmacyRow(
                    id: p.place.id, name: p.place.name, address: p.address, stock: stockText(p.stock, lang),
                    updated: p.updatedAt.map(pages.time) ?? Strings.text("sup_never", lang), mayOpenAccount: false, mayOpen: false)
            }
            return pages.render(
                "public-pharmacies", PublicPharmaciesPage(rows: rows, hasRows: !rows.isEmpty, pager: Pager(found, path: "/public/pharmacies", query: q, lang: lang)),
                request: request, context: context)
        }
        router.get("public/mask-rounds") { request, context in
            let lang = Language.of(request)
            let q = request.uri.queryParameters
            let found = try await rounds.rounds(page: Pager.request(q))
            let rows = found.items.map { roundRow($0, lang) }
            return pages.render(
                "public-rounds", PublicRoundsPage(rows: rows, hasRows: !rows.isEmpty, pager: Pager(found, path: "/public/mask-rounds", query: q, lang: lang)),
                request: request, context: context)
        }
        router.get("public/mask-rounds/:id") { request, context in
            let lang = Language.of(request)
            let round = try await rounds.round(try context.parameters.require("id"))
            let names = try await pharmacies.names(within: round.areaPath)
            let (entries, winners) = try await rounds.counts(round.id)
            // A signed-in resident sees their own (and dependants') tokens in this round.
            var mine: [OwnEntry] = []
            if let principal = context.identity, AccessPolicy.may(principal, .bookMasks) {
                for holding in try await pickups.holdings(as: principal) {
                    for entry in holding.entries where entry.round == round.id {
                        mine.append(OwnEntry(name: holding.name, token: entry.token, outcome: outcome(entry, round, lang)))
                    }
                }
            }
            let page = PublicRoundPage(
                round: roundRow(round, lang),
                quantities: round.quantities.sorted { $0.key < $1.key }.map {
                    QuantityRow(pharmacy: names[$0.key] ?? $0.key, id: $0.key, units: $0.value, returned: round.returned[$0.key])
                },
                commitment: round.commitment, seed: round.publishedSeed, entries: entries, winners: winners, mine: mine, hasMine: !mine.isEmpty,
                snippet: Self.lotterySnippet(round.id))
            return pages.render("public-round", page, request: request, context: context)
        }
        router.get("public/donations") { request, context in
            let lang = Language.of(request)
            let q = request.uri.queryParameters
            let found = try await ledger.entries(page: Pager.request(q))
            let units = Dictionary(try await ledger.chain().map { ($0.item, $0.unit) }, uniquingKeysWith: { a, b in a ?? b })
            func amount(_ n: Int, _ item: String) -> String { Strings.amount(n, item: item, unit: units[item] ?? nil) }
            let balances = try await ledger.balances().map {
                BalanceRow(item: $0.item, received: amount($0.received, $0.item), allocated: amount($0.allocated, $0.item), balance: amount($0.balance, $0.item))
            }
            func totals(_ d: LedgerDirection) async throws -> [TotalRow] {
                try await ledger.totals(d, page: PageRequest(limit: 50)).items.map {
                    TotalRow(name: $0.name == "anonymous" ? Strings.text("led_anonymous", lang) : $0.name, item: $0.item, amount: amount($0.amount, $0.item), entries: $0.entries)
                }
            }
            let rows = found.items.map { e in
                LedgerRow(
                    seq: e.seq, kind: Strings.text("led_kind_\(e.kind.rawValue)", lang), date: e.date.description, item: e.item,
                    amount: Strings.amount(e.amount, item: e.item, unit: e.unit),
                    party: [e.donor.map { $0 == "anonymous" ? Strings.text("led_anonymous", lang) : $0 }, e.recipient, e.purpose].compactMap { $0 }.joined(separator: " · "),
                    corrects: e.corrects.map { Strings.text("led_correctsNote", lang, "\($0)") }, people: "\(e.enteredBy) / \(e.approvedBy)", hash: e.hash)
            }
            let donors = try await totals(.in), recipients = try await totals(.out)
            let page = PublicDonationsPage(
                balances: balances, hasBalances: !balances.isEmpty, donors: donors, hasDonors: !donors.isEmpty, recipients: recipients,
                hasRecipients: !recipients.isEmpty, rows: rows, hasRows: !rows.isEmpty, pager: Pager(found, path: "/public/donations", query: q, lang: lang),
                heads: try await ledger.heads().map { HeadRow(day: $0.day.description, seq: $0.seq, hash: $0.hash) }, snippet: Self.ledgerSnippet)
            return pages.render("public-donations", page, request: request, context: context)
        }
    }

    func stockText(_ stock: [PharmacyStock], _ lang: Language) -> String { Strings.stock(stock, profiles.profile.supplies, lang) }

    func roundRow(_ r: MaskRound, _ lang: Language) -> RoundRow {
        let rules = profiles.profile.supplies
        let state = r.phase(at: clock.now())
        return RoundRow(
            id: r.id, product: Strings.product(r.product, rules, lang), opens: pages.time(r.opensAt), closes: pages.time(r.closesAt),
            perEntry: r.perEntry, total: r.totalUnits, state: Strings.text("sup_state_\(state)", lang), isOpen: state == "open")
    }

    func outcome(_ entry: RoundEntry, _ round: MaskRound, _ lang: Language) -> String {
        round.state != .drawn ? Strings.text("sup_pending", lang) : Strings.text(entry.won ? "sup_won" : "sup_lost", lang)
    }

    /// The README's recipe, shown on each round's page with its own address.
    static func lotterySnippet(_ id: String) -> String {
        """
        import hashlib, json, urllib.request
        doc = json.load(urllib.request.urlopen("http://HOST/open-data/mask-rounds/\(id).json"))
        seed = bytes.fromhex(doc["seed"])
        assert hashlib.sha256(seed).hexdigest() == doc["commitment"]
        left, won = dict(doc["quantities"]), []
        for e in sorted(doc["entries"], key=lambda e: hashlib.sha256(seed + e["token"].encode()).digest()):
            if left.get(e["pharmacy"], 0) >= doc["perEntry"]:
                left[e["pharmacy"]] -= doc["perEntry"]; won.append(e["token"])
        print(won == doc["winners"])
        """
    }

    static let ledgerSnippet = """
        import hashlib, json, urllib.request
        prev = "0" * 64
        for e in json.load(urllib.request.urlopen("http://HOST/open-data/donations.json"))["entries"]:
            body = json.dumps({k: v for k, v in e.items() if k != "hash"}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            assert e["prev"] == prev and hashlib.sha256(body.encode()).hexdigest() == e["hash"], e["seq"]
            prev = e["hash"]
        print("chain holds, head", prev)
        """
}

struct PharmacyRow: Sendable {
    let id: String
    let name: String
    let address: String
    let stock: String
    let updated: String
    let mayOpenAccount: Bool
    /// Officers: the account form is shown for this row.
    let mayOpen: Bool
}

struct PublicPharmaciesPage: PageModel {
    let rows: [PharmacyRow]
    let hasRows: Bool
    let pager: Pager?
}

struct RoundRow: Sendable {
    let id: String
    let product: String
    let opens: String
    let closes: String
    let perEntry: Int
    let total: Int
    let state: String
    let isOpen: Bool
}

struct PublicRoundsPage: PageModel {
    let rows: [RoundRow]
    let hasRows: Bool
    let pager: Pager?
}

struct QuantityRow: Sendable {
    let pharmacy: String
    let id: String
    let units: Int
    let returned: Int?
}

struct OwnEntry: Sendable {
    let name: String
    let token: String
    let outcome: String
}

struct PublicRoundPage: PageModel {
    let round: RoundRow
    let quantities: [QuantityRow]
    let commitment: String
    let seed: String?
    let entries: Int
    let winners: Int
    let mine: [OwnEntry]
    let hasMine: Bool
    let snippet: String
}

struct BalanceRow: Sendable {
    let item: String
    let received: String
    let allocated: String
    let balance: String
}

struct TotalRow: Sendable {
    let name: String
    let item: String
    let amount: String
    let entries: Int
}

struct LedgerRow: Sendable {
    let seq: Int
    let kind: String
    let date: String
    let item: String
    let amount: String
    let party: String
    let corrects: String?
    let people: String
    let hash: String
}

struct HeadRow: Sendable {
    let day: String
    let seq: Int
    let hash: String
}

struct PublicDonationsPage: PageModel {
    let balances: [BalanceRow]
    let hasBalances: Bool
    let donors: [TotalRow]
    let hasDonors: Bool
    let recipients: [TotalRow]
    let hasRecipients: Bool
    let rows: [LedgerRow]
    let hasRows: Bool
    let pager: Pager?
    let heads: [HeadRow]
    let snippet: String
}
