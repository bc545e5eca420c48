import Domain
import Hummingbird

/// Area, person and household pages for staff. Every read goes through `PersonDirectory`, which
/// checks the jurisdiction and writes the audit entry.
struct AreaPagesController {
    let store: any AreaRepository & ResidentRepository & PlaceRepository
    let directory: PersonDirectory
    let pages: PageRenderer
    static let pageSize = 50

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("areas/:id") { request, context in
            let principal = try context.requirePrincipal()
            let lang = Language.of(request)
            let area = try await directory.area(try context.parameters.require("id"), as: principal)
            let children = try await directory.children(of: area, as: principal).map { AreaLink(id: $0.id, name: $0.name(english: lang == .en)) }
            var page = AreaPage(
                area: AreaLink(id: area.id, name: area.name(english: lang == .en)), levelName: Strings.text("level.\(area.level.rawValue)", lang),
                children: children, hasChildren: !children.isEmpty, crumbs: try await crumbs(area, lang))
            // People are listed only where the principal may read them: inside the jurisdiction.
            if directory.mayListPeople(in: area, as: principal) {
                let after = request.uri.queryParameters.get("after")
                let residents = try await directory.residents(in: area, after: after, limit: Self.pageSize, as: principal)
                page.showResidents = true
                page.residentCount = try await store.residentCount(within: area.path)
                let names = try await ResidenceNames.of(residents, store: store)
                page.residents = residents.map { PersonView.fields($0, lang, linkHousehold: false, names: names, today: pages.day(directory.clock.now())) }
                if residents.count == Self.pageSize, let last = residents.last { page.nextAfter = last.id }
            }
            return pages.render("area", page, request: request, context: context)
        }
        router.get("people/:id") { request, context in
            let principal = try context.requirePrincipal()
            let resident = try await directory.resident(try context.parameters.require("id"), as: principal)
            let names = try await ResidenceNames.of([resident], store: store)
            let person = PersonView.fields(resident, Language.of(request), linkHousehold: principal.isStaff, names: names, today: pages.day(directory.clock.now()))
            let page = PersonPage(
                person: person, canPrint: AccessPolicy.may(principal, .printPaperCodes), canPropose: AccessPolicy.may(principal, .proposeOverrides))
            return pages.render("person", page, request: request, context: context)
        }
        router.get("households/:id") { request, context in
            let principal = try context.requirePrincipal()
            let (household, members) = try await directory.household(try context.parameters.require("id"), as: principal)
            let lang = Language.of(request)
            let names = try await ResidenceNames.of(members, store: store)
            let page = HouseholdPage(
                residence: members.first.map(names.residence(of:)) ?? household.id, count: members.count,
                members: members.map { PersonView.fields($0, lang, linkHousehold: false, names: names, today: pages.day(directory.clock.now())) })
            return pages.render("household", page, request: request, context: context)
        }
    }

    /// The ancestors of an area, root first, for the breadcrumb line.
    private func crumbs(_ area: Area, _ lang: Language) async throws -> [AreaLink] {
        var result: [AreaLink] = []
        for id in area.path.split(separator: "/").dropLast() {
            if let a = try await store.area(id: String(id)) { result.append(AreaLink(id: a.id, name: a.name(english: lang == .en))) }
        }
        return result
    }
}

/// An area page: where it lies, the areas within, and its residents where the reader may list them.
struct AreaPage: PageModel {
    let area: AreaLink
    let levelName: String
    let children: [AreaLink]
    let hasChildren: Bool
    /// The ancestors, root first.
    let crumbs: [AreaLink]
    var showResidents = false
    var residentCount: Int?
    var residents: [PersonFields]?
    /// The last resident listed when the page is full: where the next page starts.
    var nextAfter: String?
}

/// An area to link to: its id and name.
struct AreaLink: Sendable {
    let id: String
    let name: String
}

struct PersonPage: PageModel {
    let person: PersonFields
    /// The reader may print this person's paper code (for those without a phone).
    let canPrint: Bool
    /// The reader may propose a manual colour for this person (the link to the form).
    let canPropose: Bool
}

struct HouseholdPage: PageModel {
    /// Where the household lives, in words (its id only when no member says).
    let residence: String
    let count: Int
    let members: [PersonFields]
}
