import Domain

/// The masked view of a resident that pages show: never the full identity number or phone.
enum PersonView {
    static func fields(_ r: SealedResident, _ lang: Language, linkHousehold: Bool) -> PersonFields {
        PersonFields(
            id: r.id, name: r.name, idNumber: r.idNumberMasked ?? "—", sex: Strings.text("sex.\(r.sex.rawValue)", lang),
            birthDate: r.birthDate?.description ?? "—", phone: r.phoneMasked ?? "—", household: r.householdID ?? "—",
            householdLink: linkHousehold && r.householdID != nil, area: r.areaID ?? "—", compound: r.compoundID ?? "—")
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
    /// The resident's code and reasons (`status-card.mustache`): on their own home page and their
    /// dependants', not on staff pages.
    var status: StatusCard?
}
