import Domain
import Foundation

/// `/enterprises`: the officers' list with the registration form (also the public form's model).
struct EnterprisesPage: PageModel {
    let rows: [EnterpriseRow]
    let hasRows: Bool
    let filters: [FilterLink]
    let pager: Pager?
    let mayRegister: Bool
    let typed: TypedEnterprise
    let problem: String?
    let message: String?
    /// The public form (no list, no sign-in).
    let isPublic: Bool
}

struct FilterLink: Sendable {
    let href: String
    let label: String
    let current: Bool
}

struct EnterpriseRow: Sendable {
    let id: String
    let name: String
    let creditCode: String
    let address: String
    let area: String
    let state: String
    let pending: Bool
    let contact: String

    init(_ e: Enterprise, area: String, _ lang: Language) {
        (id, name, creditCode, address, self.area) = (e.id, e.name, e.creditCode, e.address, area)
        state = Strings.text("enterprises_state_\(e.state.rawValue)", lang)
        pending = e.state == .pending
        contact = "\(e.contactName) · \(Masking.phone(e.contactPhone))"
    }
}

/// What was typed into the registration form, shown again when it is refused.
struct TypedEnterprise: Sendable {
    var name = ""
    var creditCode = ""
    var address = ""
    var area = ""
    var contactName = ""
    var contactPhone = ""

    init() {}
    init(_ d: EnterpriseDraft) {
        (name, creditCode, address, area, contactName, contactPhone) = (d.name, d.creditCode, d.address, d.area, d.contactName, d.contactPhone)
    }
}

/// `/enterprises/ID`: one enterprise and, for the district, the decision form.
struct EnterprisePage: PageModel {
    let row: EnterpriseRow
    let registeredBy: String
    let registeredAt: String
    let decided: String?
    let reason: String?
    let mayDecide: Bool
    let typedReason: String
    let problem: String?
    let message: String?
    /// The new account's one-time password, on the approval's answer only.
    let password: String?
}

/// `/employees`: an enterprise's employees, colour and fitness only.
struct EmployeesPage: PageModel {
    let enterprise: String
    let rows: [EmployeeLine]
    let hasRows: Bool
    let pager: Pager?
    let typedCSV: String
    let message: String?
    let problems: [String]
    let hasProblems: Bool
    var mayAddOfficer = false
    var officerProblem: String?
    var typedUsername = ""
    var typedName = ""
}

struct EmployeeLine: Sendable {
    let name: String
    let awaiting: Bool
    let colour: String
    let colourClass: String
    let fit: String
    let fitClass: String

    init(_ e: EmployeeFitness, _ lang: Language) {
        name = e.name
        awaiting = e.colour == nil
        colour = e.colour.map { Strings.text("colour.\($0.rawValue)", lang) } ?? ""
        colourClass = e.colour?.rawValue ?? ""
        fit = e.fitForWork.map { Strings.text($0 ? "employees_fitYes" : "employees_fitNo", lang) } ?? Strings.text("employees_awaiting", lang)
        fitClass = e.fitForWork.map { $0 ? "ok" : "warn" } ?? "muted"
    }
}

enum EnterpriseWords {
    static func problem(_ p: EnterpriseDraft.Problem, _ lang: Language) -> String {
        func label(_ field: String) -> String { Strings.text("enterprises_\(field)", lang) }
        switch p {
        case .missing(let f): return Strings.text("enterprises_problem_missing", lang, label(f))
        case .tooLong(let f, let n): return Strings.text("enterprises_problem_tooLong", lang, label(f), "\(n)", "\(EnterpriseDraft.maxText)")
        case .creditCode(.length(let n)): return Strings.text("enterprises_problem_creditLength", lang, "\(n)")
        case .creditCode(.character(let c, let at)): return Strings.text("enterprises_problem_creditCharacter", lang, "\(at)", c)
        case .creditCode(.checkCharacter(let expected, let found)): return Strings.text("enterprises_problem_creditCheck", lang, expected, found)
        case .phone(let typed): return Strings.text("enterprises_problem_phone", lang, typed)
        case .unknownArea(let a): return Strings.text("enterprises_problem_unknownArea", lang, a)
        case .areaOutside(let a): return Strings.text("enterprises_problem_areaOutside", lang, a)
        case .alreadyRegistered(let code): return Strings.text("enterprises_problem_registered", lang, code)
        }
    }
}
