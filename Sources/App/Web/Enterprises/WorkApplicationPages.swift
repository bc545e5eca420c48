import Domain
import Foundation

/// `/return-to-work`: applications (an enterprise's own with the form, or an officer's area).
struct WorkApplicationsPage: PageModel {
    let rows: [WorkApplicationRow]
    let hasRows: Bool
    let isEnterprise: Bool
    let filters: [FilterLink]
    let pager: Pager?
    let mayApply: Bool
    let items: [PlanItem]
    let typedHeadcount: String
    let problem: String?
    let message: String?
}

struct WorkApplicationRow: Sendable {
    let id: String
    let enterprise: String
    let submitted: String
    let green: String
    let state: String
    let waiting: Bool

    init(_ a: WorkApplication, _ lang: Language, time: (Date) -> String) {
        (id, enterprise, submitted) = (a.id, a.enterpriseName, time(a.submittedAt))
        green = WorkWords.green(a, lang)
        state = Strings.text("work_state_\(a.state.rawValue)", lang)
        waiting = a.state == .submitted
    }
}

struct PlanItem: Sendable {
    let key: String
    let label: String
    let checked: Bool
}

/// `/return-to-work/ID`.
struct WorkApplicationPage: PageModel {
    let id: String
    let enterprise: String
    let state: String
    let decided: String?
    let reason: String?
    let submitted: String
    let headcount: Int
    let green: String
    let items: [PlanItem]
    let certificates: String
    let hasCertificates: Bool
    let mayPrint: Bool
    let mayDecide: Bool
    let mayRevoke: Bool
    let typedReason: String
    let problem: String?
    let message: String?
}

/// A printed certificate.
struct CertificatePage: PageModel {
    let title: String
    let enterprise: String
    let creditCode: String
    let svg: String
    let note: String
    let certificateID: String
    let validUntil: String
}

enum WorkWords {
    static func green(_ a: WorkApplication, _ lang: Language) -> String {
        guard let share = a.greenShare else { return Strings.text("work_noEmployees", lang) }
        return Strings.text("work_greenShare", lang, "\(a.green)", "\(a.employees)", "\(Int((share * 100).rounded()))")
    }

    /// A checklist item's words (an item a profile added has no translation: its key is shown).
    static func item(_ key: String, _ lang: Language) -> String {
        let label = Strings.text("work_item_\(key)", lang)
        return label == "work_item_\(key)" ? key : label
    }

    static func problem(_ p: WorkApplication.Problem, _ lang: Language) -> String {
        switch p {
        case .headcount(let t): Strings.text("work_problem_headcount", lang, t)
        case .enterpriseNotApproved: Strings.text("work_problem_notApproved", lang)
        case .alreadyOpen: Strings.text("work_problem_open", lang)
        case .reasonMissing: Strings.text("work_problem_reason", lang)
        case .notDecidable: Strings.text("work_problem_state", lang)
        }
    }
}
