import Domain
import Hummingbird

/// Area, person and household pages for staff. Every read goes through `PersonDirectory`, which
/// checks the jurisdiction and writes the audit entry.
struct AreaPagesController {
    let store: any AreaRepository & ResidentRepository & PlaceRepository
    let directory: PersonDirectory
    let contacts: FieldContactService
    let registrations: RegistrationService
    let proxies: ProxyService
    let newcomers: NewcomerService
    let pages: PageRenderer
    static let pageSize = 50

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("areas/:id") { request, context in
            let principal = try context.requirePrincipal()
            let lang = Language.of(request)
            let area = try await directory.area(try context.parameters.require("id"), as: principal)
            let children = try await directory.children(of: area, as: principal).map { AreaLink(id: $0.id, name: $0.name(english: lang == .en)) }
            var page = AreaPage(
                area: AreaLink(id: area.id, name: area.name(english: lang == .en)), levelName: Strings.text("level.\(area.level.rawValue)", lang),
                children: children, hasChildren: !children.isEmpty, crumbs: try await crumbs(area, lang))
            // People are listed only where the principal may read them: inside the jurisdiction.
            if directory.mayListPeople(in: area, as: principal) {
                let after = request.uri.queryParameters.get("after")
                let residents = try await directory.residents(in: area, after: after, limit: Self.pageSize, as: principal)
                page.showResidents = true
                page.residentCount = try await store.residentCount(within: area.path)
                let names = try await ResidenceNames.of(residents, store: store)
                page.residents = residents.map { PersonView.fields($0, lang, linkHousehold: false, names: names, today: pages.day(directory.clock.now())) }
                if residents.count == Self.pageSize, let last = residents.last { page.nextAfter = last.id }
            }
            return pages.render("area", page, request: request, context: context)
        }
        router.get("people/:id") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            let resident: SealedResident
            do {
                resident = try await directory.resident(id, as: principal)
            } catch StoreError.notFound(let kind, _) where kind == "resident" {
                // A self-declared record a residents feed confirmed lives on under the register's id.
                guard let merged = try await registrations.mergedInto(id) else { throw StoreError.notFound(kind: kind, id: id) }
                return redirect("/people/\(merged)", message: Strings.text("registrationMerged", Language.of(request), id))
            }
            return try await personPage(resident, principal: principal, revealed: nil, problem: nil, request: request, context: context)
        }
        // The grid worker has seen the person and their papers: no longer self-declared.
        router.post("people/:id/confirm-registration") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            _ = try await registrations.confirm(id, as: principal)
            return redirect("/people/\(id)", message: Strings.text("registrationConfirmed", Language.of(request)))
        }
        // A claim (the register's identity number from another phone), decided by the grid at the door.
        router.post("people/:id/claims/:claim/link") { request, context in
            try await decideClaim(link: true, request: request, context: context)
        }
        router.post("people/:id/claims/:claim/reject") { request, context in
            try await decideClaim(link: false, request: request, context: context)
        }
        // Showing a full phone writes an audit entry: a POST, with the reason picked.
        router.post("people/:id/phone") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            try await directory.authorize(principal, .contactPeople, kind: "person", id: id)
            let form = try await request.decode(as: RevealForm.self, context: context)
            let resident = try await directory.resident(id, as: principal)
            do {
                let phone = try await contacts.revealPhone(of: id, reason: form.reason, as: principal)
                return try await personPage(resident, principal: principal, revealed: phone, problem: nil, request: request, context: context)
            } catch let problem as FieldContactService.Problem {
                let lang = Language.of(request)
                let text = lang == .zh ? (problem == .noPhone ? "没有登记电话号码。" : "请选择查看原因。") : problem.description
                return try await personPage(resident, principal: principal, revealed: nil, problem: text, request: request, context: context)
            }
        }
        router.get("households/:id") { request, context in
            let principal = try context.requirePrincipal()
            return try await householdPage(try context.parameters.require("id"), principal: principal, typed: nil, problem: nil, request: request, context: context)
        }
        // 入户登记: a newcomer or tenant into this household, checked as an import line is.
        router.post("households/:id/members") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("id")
            let form = try await request.decode(as: NewcomerForm.self, context: context)
            let lang = Language.of(request)
            do {
                let person = try await newcomers.register(form.newcomer, household: id, as: principal)
                return redirect("/people/\(person)", message: Strings.text("newcomer.registered", lang))
            } catch NewcomerService.Problem.field(let field, let reason) {
                let label = field.map { Strings.text("newcomer.field.\($0)", lang) } ?? ""
                return try await householdPage(
                    id, principal: principal, typed: form, problem: label.isEmpty ? reason : label + (lang == .zh ? "：" : ": ") + reason, request: request,
                    context: context, status: .badRequest)
            } catch NewcomerService.Problem.alreadyRegistered(let existing) {
                return try await householdPage(
                    id, principal: principal, typed: form, problem: Strings.text("newcomer.already", lang, existing), request: request, context: context,
                    status: .conflict)
            }
        }
    }


    private func householdPage(
        _ id: String, principal: Principal, typed: NewcomerForm?, problem: String?, request: Request, context: CordonRequestContext,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (household, members) = try await directory.household(id, as: principal)
        let lang = Language.of(request)
        let names = try await ResidenceNames.of(members, store: store)
        let page = HouseholdPage(
            id: household.id, residence: members.first.map(names.residence(of:)) ?? household.id, count: members.count,
            members: members.map { PersonView.fields($0, lang, linkHousehold: false, names: names, today: pages.day(directory.clock.now())) },
            canRegister: AccessPolicy.may(principal, .writePeople, in: AreaPath(household.areaPath)) && principal.isStaff,
            typed: typed ?? NewcomerForm(), problem: problem,
            coverage: AccessPolicy.may(principal, .workTasks, in: AreaPath(household.areaPath)) ? members.first?.compoundID : nil,
            message: request.uri.queryParameters.get("message"))
        return pages.render("household", page, request: request, context: context, status: status)
    }

    private func registrationNote(_ resident: SealedResident, principal: Principal, lang: Language) async throws -> RegistrationNote? {
        guard principal.isStaff else { return nil }
        let summary = try await registrations.summary(resident.id)
        guard summary.selfDeclared || summary.conflict != nil || summary.mergedFrom != nil else { return nil }
        var conflict: String? = nil
        if let stored = summary.conflict { conflict = Strings.text("selfDeclaredConflict", lang, try await conflictWords(stored, lang)) }
        return RegistrationNote(
            pending: summary.selfDeclared, conflict: conflict,
            merged: summary.mergedFrom.flatMap { r in r.mergedFrom.map { Strings.text("registrationMergedFrom", lang, $0, pages.day(r.createdAt).description) } },
            canConfirm: AccessPolicy.may(principal, .writePeople, in: AreaPath(resident.areaPath)))
    }

    /// The feed's fact in words, with the place of a presence record by name.
    private func conflictWords(_ stored: String, _ lang: Language) async throws -> String {
        var places: [String: String] = [:]
        if let id = DeclarationWords.place(stored), let place = try await store.place(id: id) { places[id] = place.name }
        return DeclarationWords.conflict(stored, lang, places: places)
    }

    private func personPage(
        _ resident: SealedResident, principal: Principal, revealed: String?, problem: String?, claimProblem: ClaimProblemView? = nil, request: Request,
        context: CordonRequestContext, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let lang = Language.of(request)
        let names = try await ResidenceNames.of([resident], store: store)
        let person = PersonView.fields(resident, lang, linkHousehold: principal.isStaff, names: names, today: pages.day(directory.clock.now()))
        let canCall = AccessPolicy.may(principal, .contactPeople, in: AreaPath(resident.areaPath)) && resident.phoneMasked != nil
        let proxyRequests = try await proxies.pending(dependant: resident, as: principal).map {
            ProxyRequestRow(id: $0.request.id, proxy: $0.proxyName, relation: Strings.text("proxy.relation.\($0.request.relation.rawValue)", lang))
        }
        let proxyRows = canCall ? try await proxyRows(of: resident) : []
        let page = PersonPage(
            person: person, canPrint: AccessPolicy.may(principal, .printPaperCodes), canPropose: AccessPolicy.may(principal, .proposeOverrides),
            address: try contacts.address(of: resident, as: principal), canCall: canCall && revealed == nil, phone: revealed,
            reasons: FieldContactService.Reason.allCases.map { RoleOption(value: $0.rawValue, label: Strings.text("reveal.\($0.rawValue)", lang), selected: false) },
            problem: problem, registration: try await registrationNote(resident, principal: principal, lang: lang),
            message: request.uri.queryParameters.get("message"),
            proxyRequests: proxyRequests, hasProxyRequests: !proxyRequests.isEmpty, proxies: proxyRows, hasProxies: !proxyRows.isEmpty, canLinkProxy: AccessPolicy.may(principal, .contactPeople, in: AreaPath(resident.areaPath)),
            proxyPhone: request.uri.queryParameters.get("proxyPhone") ?? "", claims: try await claimRows(resident, principal: principal, lang: lang, problem: claimProblem))
        return pages.render("person", page, request: request, context: context, status: status)
    }

    /// Claims on this person still to decide, for the field staff who may (with a typed phone kept).
    private func claimRows(_ resident: SealedResident, principal: Principal, lang: Language, problem: ClaimProblemView?) async throws -> [ClaimRow] {
        guard AccessPolicy.may(principal, .contactPeople, in: AreaPath(resident.areaPath)) else { return [] }
        return try await registrations.pendingClaims(resident.id).map { r in
            let mine = problem?.id == r.id
            return ClaimRow(
                id: r.id, person: resident.id, text: Strings.text("claim.pending", lang, pages.day(r.createdAt).description, r.phoneMasked ?? ""),
                problem: mine ? problem?.text : nil, typed: mine ? problem?.typed ?? "" : "")
        }
    }

    private func proxyRows(of resident: SealedResident) async throws -> [ProxyRow] {
        var rows: [ProxyRow] = []
        for id in try await store.proxies(ofDependant: resident.id) {
            rows.append(ProxyRow(id: id, name: try await store.resident(id: id).map { Masking.name($0.name) } ?? id, dependant: resident.id))
        }
        return rows
    }

    private func decideClaim(link: Bool, request: Request, context: CordonRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let claim = try context.parameters.require("claim")
        let lang = Language.of(request)
        let typed = link ? try await request.decode(as: ClaimForm.self, context: context).phone ?? "" : nil
        do {
            try await registrations.decideClaim(claim, person: id, linking: typed, as: principal)
            return redirect("/people/\(id)", message: Strings.text(link ? "claim.linked" : "claim.rejected", lang))
        } catch let problem as RegistrationService.ClaimProblem {
            let text: String
            switch problem {
            case .notPending: throw HTTPError(.conflict, message: Strings.text("claim.notPending", lang))
            case .otherPhone(let masked): text = Strings.text("claim.otherPhone", lang, masked)
            case .phone: text = Strings.text("claim.badPhone", lang)
            }
            let resident = try await directory.resident(id, as: principal)
            return try await personPage(
                resident, principal: principal, revealed: nil, problem: nil, claimProblem: ClaimProblemView(id: claim, text: text, typed: typed ?? ""),
                request: request, context: context, status: .badRequest)
        }
    }

    struct ClaimForm: Decodable {
        var phone: String?
    }

    struct RevealForm: Decodable {
        var reason: String
    }

    /// The ancestors of an area, root first, for the breadcrumb line.
    private func crumbs(_ area: Area, _ lang: Language) async throws -> [AreaLink] {
        var result: [AreaLink] = []
        for id in area.path.split(separator: "/").dropLast() {
            if let a = try await store.area(id: String(id)) { result.append(AreaLink(id: a.id, name: a.name(english: lang == .en))) }
        }
        return result
    }
}

/// An area page: where it lies, the areas within, and its residents where the reader may list them.
struct AreaPage: PageModel {
    let area: AreaLink
    let levelName: String
    let children: [AreaLink]
    let hasChildren: Bool
    /// The ancestors, root first.
    let crumbs: [AreaLink]
    var showResidents = false
    var residentCount: Int?
    var residents: [PersonFields]?
    /// The last resident listed when the page is full: where the next page starts.
    var nextAfter: String?
}

/// An area to link to: its id and name.
struct AreaLink: Sendable {
    let id: String
    let name: String
}

struct PersonPage: PageModel {
    let person: PersonFields
    /// The reader may print this person's paper code (for those without a phone).
    let canPrint: Bool
    /// The reader may propose a manual colour for this person (the link to the form).
    let canPropose: Bool
    /// For the grid worker of the person's grid and the officers above: where to knock.
    let address: String?
    /// The reader may reveal the full phone (audited, with a reason).
    let canCall: Bool
    /// The full phone just revealed, for a `tel:` link.
    let phone: String?
    let reasons: [RoleOption]
    let problem: String?
    /// Self-declared and not yet verified by the grid, and what the feeds say against it.
    let registration: RegistrationNote?
    let message: String?
    /// Residents asking to hold this person's codes, for the grid to confirm.
    let proxyRequests: [ProxyRequestRow]
    let hasProxyRequests: Bool
    let proxies: [ProxyRow]
    let hasProxies: Bool
    let canLinkProxy: Bool
    let proxyPhone: String
    /// Someone applied with this person's identity number from another phone: link it or not.
    let claims: [ClaimRow]
}

struct ClaimRow: Sendable {
    let id: String
    let person: String
    let text: String
    let problem: String?
    let typed: String
}

struct ClaimProblemView: Sendable {
    let id: String
    let text: String
    let typed: String
}

struct ProxyRequestRow: Sendable {
    let id: String
    let proxy: String
    let relation: String
}

struct ProxyRow: Sendable {
    let id: String
    let name: String
    let dependant: String
}

struct RegistrationNote: Sendable {
    let pending: Bool
    let conflict: String?
    /// Applied for a code as a self-declared record that a residents feed then confirmed.
    let merged: String?
    let canConfirm: Bool
}

struct HouseholdPage: PageModel {
    let id: String
    /// Where the household lives, in words (its id only when no member says).
    let residence: String
    let count: Int
    let members: [PersonFields]
    /// Staff of the household's area may register a newcomer into it.
    let canRegister: Bool
    let typed: NewcomerForm
    let problem: String?
    /// The compound whose screening coverage the reader may open (grid staff).
    let coverage: String?
    let message: String?
}

/// The newcomer form as typed (kept when refused; shown again on the page, never in a URL).
struct NewcomerForm: Decodable, Sendable {
    var name: String?
    var idType: String?
    var idNumber: String?
    var sex: String?
    var phone: String?
    var address: String?

    var newcomer: NewcomerService.Newcomer {
        .init(name: name ?? "", idType: idType ?? "resident-id", idNumber: idNumber ?? "", sex: sex ?? "", phone: phone ?? "", address: address ?? "")
    }
}
