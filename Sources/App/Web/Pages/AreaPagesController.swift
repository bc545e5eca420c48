import Domain
import Hummingbird

/// Area, person and household pages for staff. Every read goes through `PersonDirectory`, which
/// checks the jurisdiction and writes the audit entry.
struct AreaPagesController {
    let store: any AreaRepository & ResidentRepository
    let directory: PersonDirectory
    let pages: PageRenderer
    static let pageSize = 50

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("areas/:id") { request, context in
            let principal = try context.requirePrincipal()
            let lang = Language.of(request)
            let area = try await directory.area(try context.parameters.require("id"), as: principal)
            let children = try await directory.children(of: area, as: principal).map { ["id": $0.id, "name": $0.name] }
            var values: [String: Any] = [
                "area": ["id": area.id, "name": area.name], "levelName": Strings.text("level.\(area.level.rawValue)", lang),
                "children": children, "hasChildren": !children.isEmpty,
                "crumbs": try await crumbs(area),
            ]
            // People are listed only where the principal may read them: inside the jurisdiction.
            if directory.mayListPeople(in: area, as: principal) {
                let after = request.uri.queryParameters.get("after")
                let residents = try await directory.residents(in: area, after: after, limit: Self.pageSize, as: principal)
                values["showResidents"] = true
                values["residentCount"] = try await store.residentCount(within: area.path)
                values["residents"] = residents.map { PersonView.fields($0, lang, linkHousehold: false) }
                if residents.count == Self.pageSize, let last = residents.last { values["nextAfter"] = last.id }
            }
            return pages.render("area", values, request: request, context: context)
        }
        router.get("people/:id") { request, context in
            let principal = try context.requirePrincipal()
            let resident = try await directory.resident(try context.parameters.require("id"), as: principal)
            let person = PersonView.fields(resident, Language.of(request), linkHousehold: principal.isStaff)
            return pages.render("person", ["person": person], request: request, context: context)
        }
        router.get("households/:id") { request, context in
            let principal = try context.requirePrincipal()
            let (household, members) = try await directory.household(try context.parameters.require("id"), as: principal)
            let lang = Language.of(request)
            return pages.render(
                "household", ["household": household.id, "members": members.map { PersonView.fields($0, lang, linkHousehold: false) }], request: request,
                context: context)
        }
    }

    /// The ancestors of an area, root first, for the breadcrumb line.
    private func crumbs(_ area: Area) async throws -> [[String: String]] {
        var result: [[String: String]] = []
        for id in area.path.split(separator: "/").dropLast() {
            if let a = try await store.area(id: String(id)) { result.append(["id": a.id, "name": a.name]) }
        }
        return result
    }
}
