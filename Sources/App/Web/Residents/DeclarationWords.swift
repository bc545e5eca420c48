import Domain

/// A declaration and what the feeds say against it, in the reader's language. The store keeps
/// codes (`DeclarationConflict`, `DeclarationReview.declared`); text in no known form (written
/// before they were codes) is shown as it is.
enum DeclarationWords {
    /// "2026-11-28 从武汉市抵达" / "arrived from Wuhan on 2026-11-28"; `none`: no travel.
    static func declared(_ code: String, _ lang: Language) -> String {
        if code == "none" { return Strings.text("declared.none", lang) }
        let parts = code.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else { return code }
        return Strings.text("declared.travel", lang, RegionNames.name(parts[0], lang), parts[1])
    }

    /// The feed's fact; `places`: names by place id, for presence.
    static func conflict(_ stored: String, _ lang: Language, places: [String: String]) -> String {
        guard let c = DeclarationConflict(stored: stored) else { return stored }
        let e = c.evidence
        let arrived = c.declaredArrival?.description ?? ""
        switch e.kind {
        case .arrival: return Strings.text("conflict.arrival", lang, RegionNames.name(e.detail, lang), e.day.description)
        case .presence: return Strings.text("conflict.presence", lang, e.day.description, places[e.detail] ?? Strings.text("aPlace", lang), arrived)
        case .lab: return Strings.text("conflict.lab", lang, e.day.description, e.detail, arrived)
        }
    }

    /// The place a stored conflict names, to be looked up for the page.
    static func place(_ stored: String) -> String? {
        guard let c = DeclarationConflict(stored: stored), c.evidence.kind == .presence else { return nil }
        return c.evidence.detail
    }
}
