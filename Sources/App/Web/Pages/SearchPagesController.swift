import Domain
import Foundation
import Hummingbird

/// `/search`: staff find a person (by name, phone or identity number), a place or an area within
/// their jurisdiction; the form keeps what was typed and the people list is paged.
struct SearchPagesController {
    let search: PersonSearch
    let clock: WallClock
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("search") { request, context in
            let principal = try context.requirePrincipal()
            guard PersonSearch.may(principal) else { throw AccessPolicy.Denial.roleMayNot(role: principal.role, permission: .readPeople) }
            let lang = Language.of(request)
            let q = request.uri.queryParameters
            let text = q.get("q") ?? ""
            var page = SearchPage(query: text)
            if !text.trimmingCharacters(in: .whitespaces).isEmpty {
                let found = try await search.search(text, as: principal, page: Pager.request(q))
                page.searched = true
                page.kind = Strings.text("search.kind.\(found.kind.rawValue)", lang)
                // Masked names alike ("张*") are told apart by where they live, sex, age band, phone and number ends.
                let today = CalendarDate(localDayOf: clock.now(), offsetMinutes: pages.profiles.profile.colours.dayOffsetMinutes)
                page.people = found.people.items.map { r in
                    SearchPage.PersonRow(
                        id: r.id, name: Masking.name(r.name),
                        home: r.areaID.flatMap { found.homes[$0] }?.name(in: lang) ?? "—",
                        sex: Strings.text("sex.\(r.sex.rawValue)", lang),
                        age: r.birthYear.map { DisclosureDraft.ageBand(birthYear: $0, on: today) } ?? "—", phone: r.phoneMasked ?? "—", idNumber: r.idNumberMasked ?? "—")
                }
                page.places = found.places.map { SearchPage.PlaceRow(name: $0.name, kind: Strings.text("placeKind.\($0.kind.rawValue)", lang)) }
                page.areas = found.areas.map { SearchPage.AreaRow(id: $0.id, name: $0.name, level: Strings.text("level.\($0.level.rawValue)", lang)) }
                page.hasPeople = !page.people.isEmpty
                page.hasPlaces = !page.places.isEmpty
                page.hasAreas = !page.areas.isEmpty
                page.nothing = found.people.total == 0 && found.places.isEmpty && found.areas.isEmpty
                page.pager = Pager(found.people, path: "/search", query: q, lang: lang)
            }
            return pages.render("search", page, request: request, context: context)
        }
    }
}

/// The search form as typed and what it found: people (masked), places and areas by name.
struct SearchPage: PageModel {
    let query: String
    var searched = false
    var kind: String? = nil
    var people: [PersonRow] = []
    var places: [PlaceRow] = []
    var areas: [AreaRow] = []
    var hasPeople = false
    var hasPlaces = false
    var hasAreas = false
    var nothing = false
    var pager: Pager? = nil

    struct PersonRow: Sendable {
        let id: String
        let name: String
        /// The name of the area (a grid, mostly) the person lives in.
        let home: String
        let sex: String
        /// A ten-year band, not the birth date.
        let age: String
        let phone: String
        let idNumber: String
    }

    struct PlaceRow: Sendable {
        let name: String
        let kind: String
    }

    struct AreaRow: Sendable {
        let id: String
        let name: String
        let level: String
    }
}
