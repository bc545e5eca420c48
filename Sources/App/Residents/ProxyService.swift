import Domain
import Foundation
import GridWork
import Privacy

/// Proxies (代办): a resident holds the codes of someone without a phone. The resident asks by the
/// dependant's identity number; the grid worker or an officer of the dependant's area confirms
/// (or staff link the two at a counter). The answer to the asker is the same whether or not the
/// number is in the register, so the form cannot be used to find out who lives here.
public struct ProxyService: Sendable {
    let store: any ResidentRepository & AreaRepository & AuditLogRepository
    let vault: PersonalDataVault
    let profiles: ProfileStore
    let clock: WallClock
    let directory: PersonDirectory

    public enum Problem: Error, Equatable, Sendable {
        case badIDNumber
        case unknownRelation
        case notPending
        /// At a counter: no resident has this phone.
        case noResidentWithPhone
        case ownRecord
    }

    /// A resident asks to hold someone's codes. Nothing is linked until the dependant's grid confirms.
    public func request(dependantIDNumber typed: String, relation raw: String, as principal: Principal) async throws {
        guard case .resident(let proxyID) = principal.subject else { throw AccessPolicy.Denial.roleMayNot(role: principal.role, permission: .holdCodes) }
        guard let relation = ProxyRequest.Relation(rawValue: raw) else { throw Problem.unknownRelation }
        let today = CalendarDate(localDayOf: clock.now(), offsetMinutes: profiles.profile.colours.dayOffsetMinutes)
        let number: String
        do { number = try ResidentIDNumber.validate(typed.trimmingCharacters(in: .whitespaces), today: today.yyyymmdd) } catch { throw Problem.badIDNumber }
        let now = clock.now()
        let dependant = try await store.residents(idNumberIndex: vault.blindIndex(number, kind: "id")).first
        if dependant?.id == proxyID { throw Problem.ownRecord }
        let id = "PXR-" + Hex.encode(Array(SecretToken.hash(SecretToken.generate()).prefix(6)))
        guard let dependant, let gridID = dependant.areaID else {
            // Unknown here: nothing to confirm; the attempt is on the record, the answer the same.
            try await store.appendAudit(clock.event(principal.auditName, .proxyRequest, kind: "person", id: "unregistered", detail: Masking.idNumber(number)))
            return
        }
        let key = "confirm-proxy:\(id)"
        let task = GridTask(
            id: TaskRules.id(for: key), kind: .confirmProxy, factKey: key, gridID: gridID, gridPath: dependant.areaPath, person: dependant.id,
            note: "\(id) · \(relation.rawValue)", createdAt: now, createdBy: "system:proxy",
            dueAt: now.addingTimeInterval(Double(profiles.profile.grid.verifyArrivalHours) * 3_600))
        try await store.createProxyRequest(
            ProxyRequest(id: id, proxy: proxyID, dependant: dependant.id, relation: relation, createdAt: now), task: task,
            audit: clock.event(principal.auditName, .proxyRequest, kind: "person", id: dependant.id, detail: "\(id) \(relation.rawValue)"))
    }

    /// The pending requests for a dependant, with the asker's masked name, for the dependant's page.
    public func pending(dependant: SealedResident, as principal: Principal) async throws -> [(request: ProxyRequest, proxyName: String)] {
        guard AccessPolicy.may(principal, .contactPeople, in: AreaPath(dependant.areaPath)) else { return [] }
        var out: [(ProxyRequest, String)] = []
        for r in try await store.pendingProxyRequests(dependant: dependant.id) {
            out.append((r, try await store.resident(id: r.proxy).map { Masking.name($0.name) } ?? r.proxy))
        }
        return out
    }

    /// The dependant's grid worker (or an officer above) confirms or rejects a request.
    public func decide(_ requestID: String, confirm: Bool, as principal: Principal) async throws -> ProxyRequest {
        // A role that may not decide learns nothing, not even whether the request exists.
        try await directory.authorize(principal, .contactPeople, kind: "proxy-request", id: requestID)
        guard let request = try await store.proxyRequest(id: requestID) else { throw StoreError.notFound(kind: "proxy request", id: requestID) }
        try await directory.authorize(principal, .contactPeople, kind: "person", id: request.dependant)
        _ = try await directory.resident(request.dependant, as: principal, for: .contactPeople)
        guard
            let decided = try await store.decideProxyRequest(
                id: requestID, confirm: confirm, by: principal.auditName, at: clock.now(),
                audit: clock.event(principal.auditName, confirm ? .proxyLink : .proxyReject, kind: "person", id: request.dependant, detail: "\(requestID) → \(request.proxy)"))
        else { throw Problem.notPending }
        return decided
    }

    /// At a counter: staff of the dependant's area link a proxy known by their phone (seen in person).
    public func link(dependant dependantID: String, proxyPhone raw: String, as principal: Principal) async throws {
        try await directory.authorize(principal, .contactPeople, kind: "person", id: dependantID)
        _ = try await directory.resident(dependantID, as: principal, for: .contactPeople)
        let phone: String
        do { phone = try PhoneNumber.normalize(raw) } catch { throw Problem.noResidentWithPhone }
        guard let proxy = try await store.residents(phoneIndex: vault.blindIndex(phone, kind: "phone")).first else { throw Problem.noResidentWithPhone }
        guard proxy.id != dependantID else { throw Problem.ownRecord }
        try await store.addDependant(
            dependantID, proxy: proxy.id, audit: clock.event(principal.auditName, .proxyLink, kind: "person", id: dependantID, detail: "counter → \(proxy.id)"))
    }

    /// The proxy gives up a dependant.
    public func remove(dependant dependantID: String, proxy proxyID: String, as principal: Principal) async throws -> Bool {
        guard case .resident(let me) = principal.subject, me == proxyID else { throw AccessPolicy.Denial.outsideJurisdiction(kind: "person", id: dependantID) }
        return try await store.removeDependant(
            dependantID, proxy: proxyID, audit: clock.event(principal.auditName, .proxyUnlink, kind: "person", id: dependantID, detail: proxyID))
    }

    /// Staff of the dependant's area end a link (a family that asks at the counter).
    public func removeAtCounter(dependant dependantID: String, proxy proxyID: String, as principal: Principal) async throws -> Bool {
        try await directory.authorize(principal, .contactPeople, kind: "person", id: dependantID)
        _ = try await directory.resident(dependantID, as: principal, for: .contactPeople)
        return try await store.removeDependant(
            dependantID, proxy: proxyID, audit: clock.event(principal.auditName, .proxyUnlink, kind: "person", id: dependantID, detail: proxyID))
    }
}
