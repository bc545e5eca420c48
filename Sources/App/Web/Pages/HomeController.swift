import Foundation
import Domain
import Hummingbird

/// The home page of each role: staff see their jurisdiction (its figures and the areas within);
/// residents see their own masked record, and proxies the people they hold codes for.
struct HomeController {
    let store: any AreaRepository & ResidentRepository & PlaceRepository
    let directory: PersonDirectory
    let statuses: StatusService
    let checkIns: CheckInService
    let declarations: DeclarationService
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("/") { request, context in
            let principal = try context.requirePrincipal()
            let lang = Language.of(request)
            var values: [String: Any] = ["heading": principal.displayName, "roleName": Strings.text("role.\(principal.role.rawValue)", lang)]
            let menu = Self.menu.filter { entry in entry.permissions.contains { AccessPolicy.may(principal, $0) } }
            values["menu"] = menu.map { ["href": $0.path, "label": Strings.text($0.label, lang)] }
            values["hasMenu"] = !menu.isEmpty
            switch principal.subject {
            case .staff:
                if let id = principal.jurisdictionID, AccessPolicy.may(principal, .readAreas) {
                    let area = try await directory.area(id, as: principal)
                    values["jurisdiction"] = try await jurisdictionSummary(area, principal: principal, lang: lang)
                    let children = try await directory.children(of: area, as: principal).map { ["id": $0.id, "name": $0.name] }
                    values["children"] = children
                    values["hasChildren"] = !children.isEmpty
                }
                if AccessPolicy.may(principal, .scan) && !AccessPolicy.may(principal, .readPeople) { values["message"] = Strings.text("checkpointHome", lang) }
                if !AccessPolicy.may(principal, .readAreas) { values["message"] = Strings.text("feedHome", lang) }
            case .resident(let id):
                var me = PersonView.fields(try await directory.resident(id, as: principal), lang, linkHousehold: false)
                // Computed from the facts on each view; reading a page writes nothing (facts store statuses).
                me["status"] = StatusView.values(try await statuses.current(id), lang)
                values["me"] = me
                var dependants: [[String: Any]] = []
                for dependant in principal.dependants {
                    var fields = PersonView.fields(try await directory.resident(dependant, as: principal), lang, linkHousehold: false)
                    fields["status"] = StatusView.values(try await statuses.current(dependant), lang)
                    dependants.append(fields)
                }
                if request.uri.queryParameters.get("checkedIn") != nil { values["message"] = Strings.text("checkedIn", lang) }
                if request.uri.queryParameters.get("appealed") != nil { values["message"] = Strings.text("appealed", lang) }
                if request.uri.queryParameters.get("declared") != nil { values["message"] = Strings.text("declared", lang) }
                if let what = request.uri.queryParameters.get("declareProblem") { values["message"] = Strings.text("declareProblem.\(what)", lang) }
                if let problem = request.uri.queryParameters.get("appealProblem") { values["message"] = String(problem) }
                if request.uri.queryParameters.get("badTemperature") != nil { values["message"] = Strings.text("badTemperature", lang) }
                values["dependants"] = dependants
                values["hasDependants"] = !dependants.isEmpty
            }
            return pages.render("home", values, request: request, context: context)
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
                return Response(status: .seeOther, headers: [.location: "/?declareProblem=\(problem == .travel ? "travel" : "contact")"])
            }
        }
        router.post("checkin") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await request.decode(as: CheckInForm.self, context: context)
            do {
                try await checkIns.checkIn(person: form.person, temperature: form.temperature, symptoms: form.symptoms ?? [], as: principal)
                return Response(status: .seeOther, headers: [.location: "/?checkedIn=1"])
            } catch is BodyTemperature.Implausible {
                return Response(status: .seeOther, headers: [.location: "/?badTemperature=1"])
            }
        }
    }

    /// The pages a home page links to, each shown only to whom the permission table lets open it.
    static let menu: [(path: String, label: String, permissions: [Permission])] = [
        ("/checkpoint", "checkpoint", [.scan]),
        ("/grid", "gridTasks", [.workTasks]),
        ("/reports", "reports", [.readReports]),
        ("/grid/quarantine", "quarantine", [.followUpQuarantine]),
        ("/rosters", "rosters", [.manageRosters]),
        ("/assignments", "assignments", [.assignStaff]),
        ("/appeals", "appealQueue", [.reviewAppeals]),
        ("/overrides", "overrides", [.proposeOverrides, .decideOverrides]),
        ("/cases", "traceCases", [.traceCases]),
        ("/profile", "profile", [.editProfile]),
        ("/risk-areas", "riskAreas", [.readRiskAreas]),
        ("/disclosures", "disclosures", [.approveDisclosures]),
        ("/publish", "publish", [.publish]),
    ]

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

    private func jurisdictionSummary(_ area: Area, principal: Principal, lang: Language) async throws -> [String: Any] {
        var counts: [[String: Any]] = []
        let areaCounts = try await store.areaCounts(within: area.path)
        for level in AreaLevel.allCases where level > area.level {
            counts.append(["count": areaCounts[level] ?? 0, "label": Strings.text("level.\(level.rawValue)", lang)])
        }
        if AccessPolicy.may(principal, .readPeople, in: AreaPath(area.path)) {
            counts.append(["count": try await store.residentCount(within: area.path), "label": Strings.text("residents", lang)])
        }
        let placeCounts = try await store.placeCounts(within: area.path)
        for kind in PlaceKind.allCases where (placeCounts[kind] ?? 0) > 0 {
            counts.append(["count": placeCounts[kind] ?? 0, "label": Strings.text("kind.\(kind.rawValue)", lang)])
        }
        return ["id": area.id, "name": area.name, "levelName": Strings.text("level.\(area.level.rawValue)", lang), "counts": counts]
    }
}
