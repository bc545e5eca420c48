import Domain

/// The masked view of a resident that pages show: never the full identity number or phone.
enum PersonView {
    static func fields(_ r: SealedResident, _ lang: Language, linkHousehold: Bool) -> [String: Any] {
        [
            "id": r.id, "name": r.name, "idNumber": r.idNumberMasked ?? "—", "sex": Strings.text("sex.\(r.sex.rawValue)", lang),
            "birthDate": r.birthDate?.description ?? "—", "phone": r.phoneMasked ?? "—", "household": r.householdID ?? "—",
            "householdLink": linkHousehold && r.householdID != nil, "area": r.areaID ?? "—", "compound": r.compoundID ?? "—",
        ]
    }
}
