import Foundation
import Domain
import Hummingbird

/// The home page of each role: staff see their jurisdiction (its figures and the areas within);
/// residents see their own masked record, and proxies the people they hold codes for.
struct HomeController {
    let store: any AreaRepository & ResidentRepository & PlaceRepository & HealthRepository & FeedRepository
    let clock: WallClock
    let directory: PersonDirectory
    let statuses: StatusService
    let checkIns: CheckInService
    let declarations: DeclarationService
    let appeals: AppealService
    let contacts: FieldContactService
    let registrations: RegistrationService
    let help: HelpRequestService
    let feeds: FeedHealthService
    let employees: EmployeeService
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("/") { request, context in
            let principal = try context.requirePrincipal()
            let lang = Language.of(request)
            let menu = Self.menu.filter { entry in entry.allowed(principal) }
            var page = HomePage(
                heading: principal.displayName, roleName: Strings.text("role.\(principal.role.rawValue)", lang),
                menu: menu.map { MenuLink(href: $0.path, label: Strings.text($0.label, lang)) }, hasMenu: !menu.isEmpty)
            switch principal.subject {
            case .staff:
                if let id = principal.jurisdictionID, AccessPolicy.may(principal, .readAreas) {
                    let area = try await directory.area(id, as: principal)
                    page.jurisdiction = try await jurisdictionSummary(area, principal: principal, lang: lang)
                    let children = try await directory.children(of: area, as: principal).map { AreaLink(id: $0.id, name: $0.name(english: lang == .en)) }
                    page.children = children
                    page.hasChildren = !children.isEmpty
                }
                if AccessPolicy.may(principal, .scan) && !AccessPolicy.may(principal, .readPeople) { page.message = Strings.text("checkpointHome", lang) }
                if !AccessPolicy.may(principal, .readAreas) {
                    let key =
                        principal.enterpriseID != nil ? "enterpriseHome" : principal.pharmacyID != nil ? "sup_pharmacyHome" : principal.role == .ledgerOfficer ? "led_home" : "feedHome"
                    page.message = Strings.text(key, lang)
                }
                // The command centre hears of a late feed where it starts its day.
                if AccessPolicy.may(principal, .readFeeds) {
                    let late = try await feeds.current(as: principal).filter(\.isLate).map(\.activity.source)
                    if !late.isEmpty { page.lateFeeds = Strings.text("feeds.lateOnHome", lang, "\(late.count)", late.prefix(3).joined(separator: ", ")) }
                }
            case .resident(let id):
                let myself = try await directory.resident(id, as: principal)
                var me = PersonView.fields(myself, lang, linkHousehold: false, names: try await ResidenceNames.of([myself], store: store), today: pages.day(clock.now()), ownRecord: true)
                // Computed from the facts on each view; reading a page writes nothing (facts store statuses).
                let mine = try await statuses.current(id)
                me.status = StatusView.values(mine, lang, localTime: pages.profiles.profile.localTime, places: try await placeNames(mine))
                me.status = try await opaque(me.status, person: id)
                let typed = TypedHomeForm(request.uri.queryParameters)
                me.show(typed)
                page.me = me
                // The seeds' grid worker: 有什么事直接给我打电话 — by name, with the work phone.
                page.gridWorkers = try await contacts.gridWorkers(of: myself).map { GridWorkerCard(name: $0.displayName, phone: $0.workPhone) }
                page.hasGridWorkers = !page.gridWorkers.isEmpty
                page.myRequests = try await help.mine(id).map { r in
                    MyRequestRow(
                        what: Strings.text("help.kind.\(r.kind.rawValue)", lang) + " · " + Strings.text("help.category.\(r.category.rawValue)", lang),
                        sent: pages.time(r.createdAt), state: Strings.text("help.state.\(r.state.rawValue)", lang), answer: r.answer)
                }
                page.hasRequests = !page.myRequests.isEmpty
                page.employment = try await employees.awaiting(person: id).map {
                    EmploymentRequestRow(enterpriseID: $0.employment.enterpriseID, text: Strings.text("employment_requestText", lang, $0.enterprise))
                }
                page.hasEmployment = !page.employment.isEmpty
                let typedRelation = request.uri.queryParameters.get("relation") ?? "parent"
                page.relations = ProxyRequest.Relation.allCases.map {
                    RoleOption(value: $0.rawValue, label: Strings.text("proxy.relation.\($0.rawValue)", lang), selected: $0.rawValue == typedRelation)
                }
                page.selfDeclared = try await registrations.isSelfDeclared(id)
                page.myRecords = try await MyRecords.load(id, store: store, now: clock.now(), lang: lang, time: pages.time)
                var dependants: [PersonFields] = []
                for dependant in principal.dependants {
                    let person = try await directory.resident(dependant, as: principal)
                    var fields = PersonView.fields(person, lang, linkHousehold: false, names: try await ResidenceNames.of([person], store: store), today: pages.day(clock.now()), ownRecord: true)
                    let theirs = try await statuses.current(dependant)
                    fields.status = StatusView.values(theirs, lang, localTime: pages.profiles.profile.localTime, places: try await placeNames(theirs))
                    fields.status = try await opaque(fields.status, person: dependant)
                    fields.show(typed)
                    dependants.append(fields)
                }
                if request.uri.queryParameters.get("checkedIn") != nil { page.message = Strings.text("checkedIn", lang) }
                if request.uri.queryParameters.get("appealed") != nil { page.message = Strings.text("appealed", lang) }
                if request.uri.queryParameters.get("declared") != nil { page.message = Strings.text("declared", lang) }
                if request.uri.queryParameters.get("applied") != nil { page.message = Strings.text("apply.applied", lang) }
                if let message = request.uri.queryParameters.get("message") { page.message = message }
                if request.uri.queryParameters.get("relation") != nil { page.proxyProblem = request.uri.queryParameters.get("problem") }
                page.dependants = dependants
                page.hasDependants = !dependants.isEmpty
            case .secondFactor:
                // Never a principal (a half-finished sign-in opens nothing); nothing to show.
                break
            }
            return pages.render("home", page, request: request, context: context)
        }
        // A declaration (自主申报) and the daily check-in (每日打卡): the services decide; a problem
        // goes back to the home page as its message.
        router.post("declare") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await request.decode(as: DeclarationForm.self, context: context)
            do {
                let declared = try await declarations.declare(
                    .init(person: form.person, region: form.region, travelDate: form.travelDate, contact: form.contact, contactDate: form.contactDate), as: principal)
                return Response(status: .seeOther, headers: [.location: declared ? "/?declared=1" : "/"])
            } catch let problem as DeclarationService.Problem {
                let text = Strings.text("declareProblem.\(problem == .travel ? "travel" : "contact")", Language.of(request))
                let typed = ["region": form.region, "travelDate": form.travelDate, "contact": form.contact, "contactDate": form.contactDate]
                return Response(status: .seeOther, headers: [.location: TypedHomeForm.location(.declare, person: form.person, problem: text, values: typed)])
            }
        }
        router.post("checkin") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await request.decode(as: CheckInForm.self, context: context)
            do {
                try await checkIns.checkIn(person: form.person, temperature: form.temperature, symptoms: form.symptoms ?? [], as: principal)
                return Response(status: .seeOther, headers: [.location: "/?checkedIn=1"])
            } catch is BodyTemperature.Implausible {
                return Response(
                    status: .seeOther,
                    headers: [
                        .location: TypedHomeForm.location(
                            .checkin, person: form.person, problem: Strings.text("badTemperature", Language.of(request)),
                            values: ["temperature": form.temperature], symptoms: form.symptoms ?? [])
                    ])
            }
        }
    }

    /// The pages a role's home page links to, each shown only to those it would not refuse.
    static let menu: [(path: String, label: String, allowed: @Sendable (Principal) -> Bool)] = [
        ("/dashboard", "dashboard", anyOf(.readDashboard)),
        ("/directives", "directives_title", { $0.jurisdiction != nil && AccessPolicy.may($0, .acknowledgeDirectives) }),
        ("/enterprises", "enterprises_title", anyOf(.registerEnterprises)),
        ("/employees", "employees_title", anyOf(.manageEmployees)),
        ("/return-to-work", "work_title", anyOf(.applyReturnToWork, .registerEnterprises)),
        ("/staff-report", "staff_title", anyOf(.reportStaffHealth)),
        ("/trips", "trips_title", anyOf(.applyReturnToWork)),
        ("/force-majeure", "fm_title", anyOf(.applyReturnToWork, .registerEnterprises)),
        ("/masks", "sup_masksTitle", anyOf(.bookMasks)),
        ("/pharmacy", "sup_pharmacyTitle", { $0.pharmacyID != nil && AccessPolicy.may($0, .keepStock) }),
        ("/supplies", "sup_manageTitle", anyOf(.manageSupplies, .receiveSupplies)),
        ("/ledger", "led_title", anyOf(.enterLedger, .approveLedger)),
        ("/search", "search", PersonSearch.may),
        ("/arrivals", "arrivals_title", { $0.role.isStaff && $0.jurisdiction != nil && AccessPolicy.may($0, .readPeople) }),
        ("/checkpoint", "checkpoint", anyOf(.scan)),
        ("/grid", "gridTasks", anyOf(.workTasks)),
        ("/reports", "reports", anyOf(.readReports)),
        ("/grid/quarantine", "quarantine", anyOf(.followUpQuarantine)),
        ("/rosters", "rosters", anyOf(.manageRosters)),
        ("/assignments", "assignments", anyOf(.assignStaff)),
        ("/staff", "staff", anyOf(.manageStaff)),
        ("/audit", "audit.title", anyOf(.readAudit)),
        ("/feeds", "feeds_title", anyOf(.readFeeds)),
        ("/keys", "keys.title", anyOf(.administer)),
        ("/account/password", "password.title", anyOf(.changeOwnPassword)),
        ("/appeals", "appealQueue", anyOf(.reviewAppeals)),
        ("/overrides", "overrides", anyOf(.proposeOverrides, .decideOverrides)),
        ("/cases", "traceCases", anyOf(.traceCases)),
        ("/profile", "profile", anyOf(.editProfile)),
        ("/risk-areas", "riskAreas", anyOf(.readRiskAreas)),
        ("/disclosures", "disclosures", anyOf(.approveDisclosures)),
        ("/publish", "publish", anyOf(.publish)),
    ]

    static func anyOf(_ permissions: Permission...) -> @Sendable (Principal) -> Bool {
        { principal in permissions.contains { AccessPolicy.may(principal, $0) } }
    }

    struct DeclarationForm: Decodable {
        var person: String
        var region: String?
        var travelDate: String?
        var contact: String?
        var contactDate: String?
    }

    struct CheckInForm: Decodable {
        var person: String
        var temperature: String?
        var symptoms: [String]?
    }

    /// The appeal form names an exposure by its number (`exposure/#1`), not by the case's id.
    private func opaque(_ card: StatusCard?, person: String) async throws -> StatusCard? {
        guard var card else { return nil }
        for i in card.appealOptions.indices {
            card.appealOptions[i].value = try await appeals.pageReference(card.appealOptions[i].value, person: person)
        }
        return card
    }

    /// The names of the places a status's reasons mention.
    private func placeNames(_ status: HealthStatus) async throws -> [String: String] {
        var names: [String: String] = [:]
        for id in Set(status.reasons.compactMap { $0.facts["place"] }) { names[id] = try await store.place(id: id)?.name }
        return names
    }

    private func jurisdictionSummary(_ area: Area, principal: Principal, lang: Language) async throws -> JurisdictionSummary {
        var counts: [AreaCount] = []
        let areaCounts = try await store.areaCounts(within: area.path)
        for level in AreaLevel.allCases where level > area.level {
            counts.append(AreaCount(count: areaCounts[level] ?? 0, label: Strings.text("level.\(level.rawValue)", lang)))
        }
        if AccessPolicy.may(principal, .readPeople, in: AreaPath(area.path)) {
            counts.append(AreaCount(count: try await store.residentCount(within: area.path), label: Strings.text("residents", lang)))
        }
        let placeCounts = try await store.placeCounts(within: area.path)
        for kind in PlaceKind.allCases where (placeCounts[kind] ?? 0) > 0 {
            counts.append(AreaCount(count: placeCounts[kind] ?? 0, label: Strings.text("kind.\(kind.rawValue)", lang)))
        }
        return JurisdictionSummary(id: area.id, name: area.name(english: lang == .en), levelName: Strings.text("level.\(area.level.rawValue)", lang), counts: counts)
    }
}

/// A home page: who is signed in and what they may open; for staff their jurisdiction's figures
/// and the areas within, for residents their own record and code and their dependants'.
struct HomePage: PageModel {
    let heading: String
    let roleName: String
    let menu: [MenuLink]
    let hasMenu: Bool
    var jurisdiction: JurisdictionSummary?
    var children: [AreaLink]?
    var hasChildren = false
    var message: String?
    /// Command centre and admins: the feeds that are late, in words, linking to `/feeds`.
    var lateFeeds: String?
    var me: PersonFields?
    /// The resident's own appeals, declarations and check-ins.
    var myRecords: MyRecords?
    var dependants: [PersonFields]?
    var hasDependants = false
    /// The resident's grid workers, to call.
    var gridWorkers: [GridWorkerCard] = []
    var hasGridWorkers = false
    /// Registered by applying (申领) and not yet verified by the grid.
    var selfDeclared = false
    /// The relations a resident may name when asking to hold someone's codes.
    var relations: [RoleOption] = []
    var proxyProblem: String?
    var myRequests: [MyRequestRow] = []
    var hasRequests = false
    /// Enterprises asking to list the resident as an employee, to agree or decline.
    var employment: [EmploymentRequestRow] = []
    var hasEmployment = false
}

struct EmploymentRequestRow: Sendable {
    let enterpriseID: String
    let text: String
}

struct MyRequestRow: Sendable {
    let what: String
    let sent: String
    let state: String
    let answer: String?
}

struct GridWorkerCard: Sendable {
    let name: String
    let phone: String?
}

struct MenuLink: Sendable {
    let href: String
    let label: String
}

/// The reader's jurisdiction: what it is and how many areas, residents and places lie within.
struct JurisdictionSummary: Sendable {
    let id: String
    let name: String
    let levelName: String
    let counts: [AreaCount]
}

/// A figure of the jurisdiction: how many of what.
struct AreaCount: Sendable {
    let count: Int
    let label: String
}
