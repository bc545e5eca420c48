import Domain
import Foundation
import Hummingbird

/// `/arrivals`: the day's arrivals in the officer's area (or an area inside it), by origin region,
/// each with colour, the grid's verification and the declaration check; `/arrivals.csv` the same rows.
struct ArrivalPagesController {
    let arrivals: ArrivalListService
    let directory: PersonDirectory
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("arrivals") { request, context in
            let principal = try context.requirePrincipal(may: .readPeople)
            let lang = Language.of(request)
            let q = request.uri.queryParameters
            let typedDay = q.get("day")?.trimmingCharacters(in: .whitespaces) ?? ""
            var query = ArrivalListService.Query(areaID: q.get("area").flatMap { $0.isEmpty ? nil : $0 }, region: q.get("region").flatMap { $0.isEmpty ? nil : $0 })
            var problem: String?
            if !typedDay.isEmpty {
                // A day the form cannot read is named, and today is shown meanwhile.
                if let day = CalendarDate(iso: typedDay) { query.day = day } else { problem = Strings.text("arrivals_badDay", lang, typedDay) }
            }
            let result = try await arrivals.list(query, page: Pager.request(q), as: principal)
            let rows = result.page.items.map { ArrivalRow($0, lang, time: pages.time) }
            let regions = result.regions.map { r in
                RegionChip(
                    name: RegionNames.name(r.region, lang), count: r.count, selected: r.region == query.region,
                    href: SitePath.link("/arrivals", SitePath.carried(q, dropping: ["region", "page"]) + [URLQueryItem(name: "region", value: r.region)]))
            }
            // The day before and after, the way a list of days is read.
            func dayLink(_ offset: Int) -> String {
                let day = CalendarDate(daysSinceEpoch: result.day.daysSinceEpoch + offset).description
                return SitePath.link("/arrivals", SitePath.carried(q, dropping: ["day", "page"]) + [URLQueryItem(name: "day", value: day)])
            }
            let page = ArrivalsPage(
                day: result.day.description, typedDay: typedDay.isEmpty ? result.day.description : typedDay, problem: problem, rows: rows, hasRows: !rows.isEmpty,
                regions: regions, hasRegions: !regions.isEmpty, total: regions.reduce(0) { $0 + $1.count },
                allRegions: SitePath.link("/arrivals", SitePath.carried(q, dropping: ["region", "page"])), regionSelected: query.region != nil,
                csv: SitePath.link("/arrivals.csv", SitePath.carried(q, dropping: ["page"])), previousDay: dayLink(-1), nextDay: dayLink(1),
                pager: Pager(result.page, path: "/arrivals", query: q, lang: lang),
                areaFilter: try await directory.filter(selected: query.areaID, as: principal, path: "/arrivals", query: q))
            return pages.render("arrivals", page, request: request, context: context)
        }
        router.get("arrivals.csv") { request, context in
            let principal = try context.requirePrincipal(may: .readPeople)
            let lang = Language.of(request)
            let q = request.uri.queryParameters
            var query = ArrivalListService.Query(areaID: q.get("area").flatMap { $0.isEmpty ? nil : $0 }, region: q.get("region").flatMap { $0.isEmpty ? nil : $0 })
            if let text = q.get("day"), !text.isEmpty {
                guard let day = CalendarDate(iso: text) else { throw HTTPError(.badRequest, message: "day: \(text) is not a date (YYYY-MM-DD)") }
                query.day = day
            }
            let (day, rows) = try await arrivals.export(query, as: principal)
            let header = ["arrival_id", "person_id", "name", "area_id", "from_region", "from_region_name", "arrived_at", "mode", "trip", "colour", "grid_verification", "declaration"]
            var lines = [header.joined(separator: ",")]
            for r in rows {
                let row = ArrivalRow(r, lang, time: pages.time)
                lines.append(
                    [r.arrival.id, r.arrival.person, r.name, r.areaID ?? "", r.arrival.from, row.region, Timestamp.format(r.arrival.arrivedAt), r.arrival.mode ?? "",
                     r.arrival.trip ?? "", r.colour ?? "", r.verification?.rawValue ?? "", row.declarationCode]
                        .map(AuditPagesController.csvCell).joined(separator: ","))
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"arrivals-\(day).csv\"", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: lines.joined(separator: "\r\n") + "\r\n")))
        }
    }
}

struct ArrivalsPage: PageModel {
    let day: String
    let typedDay: String
    let problem: String?
    let rows: [ArrivalRow]
    let hasRows: Bool
    let regions: [RegionChip]
    let hasRegions: Bool
    let total: Int
    let allRegions: String
    let regionSelected: Bool
    let csv: String
    let previousDay: String
    let nextDay: String
    let pager: Pager
    let areaFilter: AreaFilter?
}

struct RegionChip: Sendable {
    let name: String
    let count: Int
    let selected: Bool
    let href: String
}

/// An arrival as the officer reads it: the person by name, where from in words, the state of each check.
struct ArrivalRow: Sendable {
    let person: String
    let name: String
    let region: String
    let arrived: String
    let trip: String
    let colour: String
    let colourClass: String
    let verification: String
    let declaration: String
    /// For the CSV: `none`, `matched` or `contradicted`.
    let declarationCode: String

    init(_ a: ListedArrival, _ lang: Language, time: (Date) -> String) {
        person = a.arrival.person
        name = a.name
        region = RegionNames.name(a.arrival.from, lang)
        arrived = time(a.arrival.arrivedAt)
        trip = [a.arrival.mode, a.arrival.trip].compactMap { $0 }.joined(separator: " ")
        colour = a.colour.map { Strings.text("colour.\($0)", lang) } ?? Strings.text("arrivals_noColour", lang)
        colourClass = a.colour ?? "none"
        verification = a.verification.map { Strings.text("arrivals_verification_\($0.rawValue)", lang) } ?? Strings.text("arrivals_noTask", lang)
        declarationCode = a.declarationContradicted.map { $0 ? "contradicted" : "matched" } ?? "none"
        declaration = Strings.text("arrivals_declaration_\(declarationCode)", lang)
    }
}
