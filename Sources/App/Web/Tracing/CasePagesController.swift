import ContactTracing
import Domain
import Hummingbird

/// Pages for epidemiologists: the cases with the links between them, and one case's contacts with
/// their evidence and a drawn graph. Traces go through `CaseTracing` (role, jurisdiction, audit).
struct CasePagesController {
    let services: CordonServices
    let pages: PageRenderer
    static let tableRows = 300

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("cases") { request, context in
            let principal = try context.requirePrincipal()
            guard principal.role.tracesContacts else { throw HTTPError(.forbidden, message: principal.role.rawValue) }
            let lang = Language.of(request)
            let tracing = CaseTracing(services: services)
            var reports: [TraceReport] = []
            var rows: [[String: Any]] = []
            for facts in try await tracing.cases(limit: 50) {
                guard let report = try? await tracing.trace(facts.person, as: principal) else { continue }
                reports.append(report)
                var counts: [String: Int] = [:]
                for c in report.contacts { counts[c.category.rawValue, default: 0] += 1 }
                rows.append([
                    "person": facts.person, "status": Strings.text("case.\(facts.status.rawValue)", lang),
                    "sampled": Timestamp.format(facts.firstPositiveSample), "total": report.contacts.count,
                    "counts": ContactCategory.allCases.map { ["n": counts[$0.rawValue] ?? 0] },
                ])
            }
            let categories = ContactCategory.allCases.map { ["name": Strings.text("contact.\($0.rawValue)", lang)] }
            return pages.render(
                "cases",
                [
                    "cases": rows, "hasCases": !rows.isEmpty, "categories": categories,
                    "graph": TransmissionGraph.casesSVG(reports, title: Strings.text("casesGraph", lang)),
                ], request: request, context: context)
        }
        router.get("cases/:id") { request, context in
            let principal = try context.requirePrincipal()
            let lang = Language.of(request)
            let id = try context.parameters.require("id")
            let report: TraceReport
            do {
                report = try await CaseTracing(services: services).trace(id, as: principal)
            } catch let denial as AccessPolicy.Denial {
                throw HTTPError(.forbidden, message: denial.description)
            } catch StoreError.notFound {
                throw HTTPError(.notFound)
            }
            // Thousands of secondary contacts and companions would make a page no phone can open: the
            // table shows the strongest first, the JSON API and `cordon trace --json` give everyone.
            let shown = report.contacts.prefix(Self.tableRows)
            let contacts: [[String: Any]] = shown.map { c in
                [
                    "person": c.person, "category": Strings.text("contact.\(c.category.rawValue)", lang), "key": c.category.rawValue,
                    "minutes": c.exposureMinutes, "via": c.via ?? "", "hasVia": c.via != nil,
                    "evidence": c.evidence.map { ["place": $0.place, "from": $0.from, "to": $0.to] },
                ]
            }
            return pages.render(
                "case",
                [
                    "case": report.case, "from": report.window.from, "to": report.window.to, "contacts": contacts,
                    "hasContacts": !contacts.isEmpty, "count": report.contacts.count,
                    "more": report.contacts.count > shown.count ? report.contacts.count - shown.count : 0,
                    "hasMore": report.contacts.count > shown.count,
                    "counts": ContactCategory.allCases.map { category in
                        ["name": Strings.text("contact.\(category.rawValue)", lang), "n": report.contacts.filter { $0.category == category }.count]
                    },
                    "graph": TransmissionGraph.svg(report, title: Strings.text("contactGraph", lang) + " " + report.case),
                    "legend": ContactCategory.allCases.map { ["name": Strings.text("contact.\($0.rawValue)", lang), "colour": TransmissionGraph.colours[$0] ?? ""] },
                ], request: request, context: context)
        }
    }
}
