import Domain
import Foundation
import Hummingbird

/// The case-record form on a case page: the stored record (or, after a refusal, what was typed)
/// and why it was refused. Its status is the case's own — what `/cases`, the bulletin and open data
/// show — never a default.
struct CaseEditForm: Sendable {
    /// Open when a refused submission comes back.
    let open: Bool
    let statuses: [StatusOption]
    /// `datetime-local` values on the city's clock.
    let onset: String
    let isolatedAt: String
    let outcome: String
    let problems: [ProblemText]
    let hasProblems: Bool
    /// Whether the refusal asks to confirm a date before the retention window.
    let askConfirmOld: Bool

    struct StatusOption: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct ProblemText: Sendable {
        let text: String
    }

    /// After a refusal the query holds what was typed (`edit=1`); otherwise the stored record, with
    /// the case's current status.
    static func make(
        query: [String: String], stored: CaseRecord?, status: CaseStatus?, profile: OutbreakProfile, lang: Language
    ) -> CaseEditForm {
        let local = profile.localTime
        let refused = query["edit"] == "1"
        let current = refused ? query["status"] : stored?.status.rawValue ?? status?.rawValue
        let statuses = CaseRecordStatus.allCases.map { s in
            StatusOption(value: s.rawValue, label: Strings.text(s == .discarded ? "discarded" : "case.\(s.rawValue)", lang), selected: s.rawValue == current)
        }
        let codes = refused ? (query["problems"] ?? "").split(separator: ",").map(String.init) : []
        let problems = codes.map { ProblemText(text: message($0, profile: profile, lang: lang)) }
        return CaseEditForm(
            open: refused, statuses: statuses,
            onset: refused ? query["onset"] ?? "" : stored?.onset.map(local.input) ?? "",
            isolatedAt: refused ? query["isolatedAt"] ?? "" : stored?.isolatedAt.map(local.input) ?? "",
            outcome: refused ? query["outcome"] ?? "" : stored?.outcome ?? "",
            problems: problems, hasProblems: !problems.isEmpty, askConfirmOld: codes.contains("before-retention"))
    }

    /// A refusal's reason in the reader's language, naming the field.
    static func message(_ code: String, profile: OutbreakProfile, lang: Language) -> String {
        switch code {
        case "onset-after-first-positive": Strings.text("caseProblem.\(code)", lang, "\(profile.colours.quarantineDays)")
        case "before-retention": Strings.text("caseProblem.\(code)", lang, "\(profile.retentionDays)")
        default: Strings.text("caseProblem.\(code)", lang)
        }
    }

    /// Where a refused submission goes back to: the case page with the form as typed and the reasons.
    static func refusedLocation(_ id: String, form: [String: String], problems codes: [String]) -> String {
        var items = [URLQueryItem(name: "edit", value: "1"), URLQueryItem(name: "problems", value: codes.joined(separator: ","))]
        for key in ["status", "onset", "isolatedAt", "outcome"] { items.append(URLQueryItem(name: key, value: form[key] ?? "")) }
        return SitePath.link("/cases/\(id)", items, fragment: "edit")
    }
}
