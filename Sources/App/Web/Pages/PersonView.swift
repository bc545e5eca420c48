import Foundation
import Domain

/// The masked view of a resident that pages show: never the full identity number or phone.
enum PersonView {
    /// `ownRecord`: the resident reading their own (or a dependant's) record sees the birth year;
    /// staff see a ten-year age band, which is what their work needs. The full date stays sealed.
    static func fields(_ r: SealedResident, _ lang: Language, linkHousehold: Bool, names: ResidenceNames, today: CalendarDate, ownRecord: Bool = false) -> PersonFields {
        PersonFields(
            id: r.id, name: r.name, idNumber: r.idNumberMasked ?? "—", sex: Strings.text("sex.\(r.sex.rawValue)", lang),
            birthDate: ownRecord
                ? r.birthYear.map { Strings.text("bornIn", lang, String($0)) } ?? "—"
                : r.birthYear.map { Strings.text("agedBand", lang, DisclosureDraft.ageBand(birthYear: $0, on: today)) } ?? "—", phone: r.phoneMasked ?? "—", household: r.householdID ?? "—",
            householdLink: linkHousehold && r.householdID != nil,
            area: r.areaID.map { names.areas[$0] ?? $0 } ?? "—", compound: r.compoundID.map { names.compounds[$0] ?? $0 } ?? "—",
            residence: names.residence(of: r))
    }
}

/// The names of the areas and compounds a page's residents live in, looked up once per page so
/// that staff read "翠苑一区 · 第1网格", not `CMP-…` or `330102001001-G01`.
struct ResidenceNames: Sendable {
    var areas: [String: String] = [:]
    var compounds: [String: String] = [:]

    static func of(_ residents: [SealedResident], store: any AreaRepository & PlaceRepository) async throws -> ResidenceNames {
        var names = ResidenceNames()
        for id in Set(residents.compactMap(\.areaID)) { names.areas[id] = try await store.area(id: id)?.name }
        for id in Set(residents.compactMap(\.compoundID)) { names.compounds[id] = try await store.place(id: id)?.name }
        return names
    }

    /// Where a resident lives, in words: compound and area, whichever are known.
    func residence(of r: SealedResident) -> String {
        let parts = [r.compoundID.flatMap { compounds[$0] }, r.areaID.flatMap { areas[$0] }].compactMap { $0 }
        return parts.isEmpty ? "—" : parts.joined(separator: " · ")
    }
}

/// A resident as `person-fields.mustache` shows them, masked ("—" where nothing is known).
struct PersonFields: Sendable {
    let id: String
    let name: String
    let idNumber: String
    let sex: String
    let birthDate: String
    let phone: String
    let household: String
    /// Staff follow the household to its page.
    let householdLink: Bool
    let area: String
    let compound: String
    /// Compound and area by name, for lists.
    let residence: String
    /// The resident's code and reasons (`status-card.mustache`): on their own home page and their
    /// dependants', not on staff pages.
    var status: StatusCard?
    /// A refused form of this person's card, as it was typed.
    var typed: TypedHomeForm.View?

    /// Shows a refused form on this card when it was this person's, its fact chosen again.
    mutating func show(_ form: TypedHomeForm?) {
        guard let form, form.person == id else { return }
        typed = form.view
        if let fact = form.values["fact"], var card = status {
            card.appealOptions = card.appealOptions.map { var o = $0; o.selected = o.value == fact; return o }
            status = card
        }
    }
}
