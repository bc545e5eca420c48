import ContactTracing
import Foundation
import Domain
import Hummingbird

/// Pages for epidemiologists: the cases with the links between them, and one case's contacts with
/// their evidence and a drawn graph. Traces go through `CaseTracing` (role, jurisdiction, audit).
struct CasePagesController {
    let store: any HealthRepository
    let clock: WallClock
    let tracing: CaseTracing
    let directory: PersonDirectory
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("cases") { request, context in
            let principal = try context.requirePrincipal(may: .traceCases)
            let lang = Language.of(request)
            let q = request.uri.queryParameters
            // A page of cases, counted in the store; each with the contacts its last good trace
            // stored (what people's colours rest on), counted there too. Live traces are for one case's page.
            let found = try await tracing.cases(as: principal, page: Pager.request(q))
            let people = found.items.map(\.person)
            let failures = Dictionary(uniqueKeysWithValues: try await store.traceFailures(caseIDs: people).map { ($0.caseID, $0) })
            let counts = Dictionary(grouping: try await store.exposureCounts(caseIDs: people), by: \.caseID)
            let rows: [CaseRow] = found.items.map { item in
                let mine = counts[item.person] ?? []
                var row = CaseRow(
                    person: item.person, name: item.name ?? item.person, status: Strings.text(item.facts.map { "case.\($0.status.rawValue)" } ?? "case.discarded", lang),
                    sampled: item.facts.map { pages.time($0.firstPositiveSample) } ?? "—")
                if let failure = failures[item.person] { row.stale = Strings.text("traceFailed", lang) + " " + pages.time(failure.lastFailedAt) }
                row.total = mine.reduce(0) { $0 + $1.count }
                row.counts = ContactCategory.allCases.map { category in CountCell(name: Strings.text("contact.\(category.rawValue)", lang), n: mine.first { $0.category.rawValue == category.rawValue }?.count ?? 0) }
                return row
            }
            let links = try await store.exposureLinks(among: people)
            let categories = ContactCategory.allCases.map { CategoryName(name: Strings.text("contact.\($0.rawValue)", lang)) }
            let page = CaseListPage(
                cases: rows, hasCases: !rows.isEmpty, categories: categories,
                graph: TransmissionGraph.casesSVG(
                    rows.map { (case: $0.person, name: $0.name, contacts: $0.total ?? 0) }, links: links, title: Strings.text("casesGraph", lang)),
                pager: Pager(found, path: "/cases", query: q, lang: lang))
            return pages.render("cases", page, request: request, context: context)
        }
        router.get("cases/:id") { request, context in
            let principal = try context.requirePrincipal()  // `CaseTracing` checks the role and the case's area, and audits a refusal
            let lang = Language.of(request)
            let id = try context.parameters.require("id")
            let report: TraceReport
            do {
                report = try await tracing.trace(id, as: principal)
            } catch let error where !(error is AccessPolicy.Denial) && !Self.isNotFound(error) {
                // Tracing fails right now: show what the colours rest on, the stored contacts of the last good trace.
                return try await storedContacts(id, failedNow: error, principal: principal, request: request, context: context)
            }
            // The contacts people's colours rest on come from the last trace that succeeded: say when one failed since.
            let failure = try await store.traceFailure(caseID: id)
            // Thousands of secondary contacts and companions would make a page no phone can open: the
            // table shows a page at a time, strongest first, narrowed to one category on request; the
            // JSON API and `cordon trace --json` give everyone.
            let q = request.uri.queryParameters
            let category = q.get("category").flatMap(ContactCategory.init(rawValue:))
            let chosen = report.contacts.filter { category == nil || $0.category == category }
            let paging = Pager.request(q)
            let shownPage = ListPage(items: Array(chosen.dropFirst(paging.offset).prefix(paging.limit)), total: chosen.count, request: paging)
            // People and places by name, times on the city's clock.
            let labels = try await tracing.labels(
                people: [report.case] + shownPage.items.flatMap { [$0.person] + ($0.via.map { [$0] } ?? []) }, places: shownPage.items.flatMap { $0.evidence.map(\.place) },
                as: principal)
            let contacts = shownPage.items.map { c in
                ContactRow(
                    person: c.person, name: labels.people[c.person] ?? c.person, category: Strings.text("contact.\(c.category.rawValue)", lang),
                    key: c.category.rawValue, minutes: "\(c.exposureMinutes)", via: c.via ?? "", viaName: c.via.map { labels.people[$0] ?? $0 } ?? "",
                    hasVia: c.via != nil,
                    evidence: c.evidence.map { EvidenceRow(place: labels.places[$0.place] ?? $0.place, from: local($0.from), to: local($0.to)) })
            }
            let caseName = labels.people[report.case] ?? report.case
            let page = CasePage(
                case: report.case, caseName: caseName, from: local(report.window.from), to: local(report.window.to), contacts: contacts,
                hasContacts: !contacts.isEmpty, count: report.contacts.count,
                counts: ContactCategory.allCases.map { c in
                    CategoryCount(
                        name: Strings.text("contact.\(c.rawValue)", lang), n: report.contacts.filter { $0.category == c }.count,
                        href: "/cases/\(report.case)?category=\(c.rawValue)", selected: c == category)
                },
                pager: Pager(shownPage, path: "/cases/\(report.case)", query: q, lang: lang),
                showAll: category == nil ? nil : "/cases/\(report.case)",
                graph: TransmissionGraph.svg(
                    report, title: Strings.text("contactGraph", lang) + " " + caseName, names: labels.people,
                    categories: Dictionary(uniqueKeysWithValues: ContactCategory.allCases.map { ($0, Strings.text("contact.\($0.rawValue)", lang)) })),
                legend: ContactCategory.allCases.map { LegendEntry(name: Strings.text("contact.\($0.rawValue)", lang), colour: TransmissionGraph.colours[$0] ?? "") },
                edit: try await editForm(id, principal: principal, request: request),
                failure: failure.map { failure in
                    TraceFailureNotice(
                        at: pages.time(failure.lastFailedAt), since: pages.time(failure.firstFailedAt), attempts: failure.attempts, reason: failure.reason)
                })
            return pages.render("case", page, request: request, context: context)
        }
    }

    /// The case-record form for those who may edit cases: the stored record and the case's status,
    /// or what was typed when a submission was refused.
    private func editForm(_ id: String, principal: Principal, request: Request) async throws -> CaseEditForm? {
        guard AccessPolicy.may(principal, .editCases) else { return nil }
        var status: CaseStatus? = nil
        var stored: CaseRecord? = nil
        do {
            stored = try await store.caseRecord(person: id)
            status = try await tracing.facts(of: id).status
        } catch StoreError.notFound {
            // Discarded, or no positive result: the stored record says what it is.
        } catch {
            // The store cannot say what the case is now (the page shows the failure): a form that
            // cannot show the stored record would save guesses, so there is none until it can.
            return nil
        }
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        return CaseEditForm.make(query: query, stored: stored, status: status, profile: pages.profiles.profile, lang: Language.of(request))
    }

    /// An instant of a trace report (ISO 8601, UTC) as people read it, on the city's clock.
    func local(_ iso: String) -> String {
        Timestamp.parse(iso).map { pages.time(Date(timeIntervalSince1970: Double($0))) } ?? iso
    }

    static func isNotFound(_ error: any Error) -> Bool {
        if case StoreError.notFound = error { return true }
        return false
    }

    /// The case page from the store alone: the contacts of the last successful trace, with the failure.
    private func storedContacts(
        _ id: String, failedNow error: any Error, principal: Principal, request: Request, context: CordonRequestContext
    ) async throws -> Response {
        _ = try await directory.resident(id, as: principal, for: .traceCases)  // role, area, audit
        let lang = Language.of(request)
        let stored = try await store.exposures(caseID: id)
        let failure = try await store.traceFailure(caseID: id)
        let q = request.uri.queryParameters
        let paging = Pager.request(q)
        let shownPage = ListPage(items: Array(stored.dropFirst(paging.offset).prefix(paging.limit)), total: stored.count, request: paging)
        let labels = try await tracing.labels(people: [id] + shownPage.items.map(\.person), places: [], as: principal)
        let contacts = shownPage.items.map { e in
            ContactRow(
                person: e.person, name: labels.people[e.person] ?? e.person, category: Strings.text("contact.\(e.category.rawValue)", lang), key: e.category.rawValue, minutes: "—",
                via: nil, viaName: nil, hasVia: false, evidence: [])
        }
        let page = CasePage(
            case: id, caseName: labels.people[id] ?? id, from: "—", to: "—", contacts: contacts, hasContacts: !contacts.isEmpty, count: stored.count,
            counts: ContactCategory.allCases.map { c in
                CategoryCount(name: Strings.text("contact.\(c.rawValue)", lang), n: stored.filter { $0.category == ExposureCategory(c) }.count)
            },
            pager: Pager(shownPage, path: "/cases/\(id)", query: q, lang: lang), showAll: nil,
            graph: nil, legend: nil,
            edit: try await editForm(id, principal: principal, request: request),
            failure: TraceFailureNotice(
                at: pages.time(failure?.lastFailedAt ?? clock.now()), since: pages.time(failure?.firstFailedAt ?? clock.now()),
                attempts: failure?.attempts ?? 0, reason: Strings.text("traceFailedNow", lang) + " " + String(String(reflecting: error).prefix(200))))
        return pages.render("case", page, request: request, context: context)
    }
}

/// The cases page: each case with its contacts counted by category, and the chains between cases.
struct CaseListPage: PageModel {
    let cases: [CaseRow]
    let hasCases: Bool
    /// The column headings, one per contact category.
    let categories: [CategoryName]
    /// Server-drawn SVG, inserted unescaped.
    let graph: String
    let pager: Pager
}

/// One case in the list, with the contact counts its last good trace stored.
struct CaseRow: Sendable {
    let person: String
    /// The case by (masked) name; the id stays in the link and beside it.
    let name: String
    let status: String
    let sampled: String
    /// The last background trace failed: the stored contacts are older than the counts shown.
    var stale: String?
    var total: Int?
    /// Contacts per category, in the order of `categories`.
    var counts: [CountCell]?
}

struct CountCell: Sendable {
    /// The category, as the label of the cell when the table becomes cards on a phone.
    let name: String
    let n: Int
}

struct CategoryName: Sendable {
    let name: String
}

/// One case's page: its trace window, contacts with their evidence, counts and graph; or, when
/// tracing fails right now, the stored contacts of the last good trace (no window, graph or legend).
struct CasePage: PageModel {
    let `case`: String
    /// The case by (masked) name, for the heading.
    let caseName: String
    let from: String
    let to: String
    let contacts: [ContactRow]
    let hasContacts: Bool
    let count: Int
    let counts: [CategoryCount]
    let pager: Pager?
    /// The link back to every category when the table shows one.
    let showAll: String?
    /// Server-drawn SVG, inserted unescaped.
    let graph: String?
    let legend: [LegendEntry]?
    /// Nil for those who may not edit cases.
    let edit: CaseEditForm?
    let failure: TraceFailureNotice?
}

struct ContactRow: Sendable {
    let person: String
    /// The contact by (masked) name; the id stays in the link.
    let name: String
    /// The category's name in the reader's language; `key` is the category for the row's class.
    let category: String
    let key: String
    /// Minutes of exposure, or "—" for stored contacts.
    let minutes: String
    /// For secondary contacts, the contact through whom they were exposed.
    let via: String?
    let viaName: String?
    let hasVia: Bool
    let evidence: [EvidenceRow]
}

struct EvidenceRow: Sendable {
    let place: String
    let from: String
    let to: String
}

struct CategoryCount: Sendable {
    let name: String
    let n: Int
    /// The table narrowed to this category (live traces only).
    var href: String? = nil
    var selected: Bool = false
}

struct LegendEntry: Sendable {
    let name: String
    let colour: String
}

/// Tracing this case failed: when last, since when, how often and why.
struct TraceFailureNotice: Sendable {
    let at: String
    let since: String
    let attempts: Int
    let reason: String
}
