import ContactTracing
import Domain
import Foundation

/// What happens when a case appears or changes: it is traced again, what tracing found replaces its
/// earlier exposures, and everyone concerned (the case, old and new contacts) gets a new status.
public struct CaseService: Sendable {
    let services: CordonServices

    public init(services: CordonServices) { self.services = services }

    /// Re-traces a case and refreshes the statuses it touches; returns how many contacts it has.
    @discardableResult
    public func caseChanged(_ person: String, actor: String) async throws -> Int {
        let before = Set(try await services.store.exposedPeople(caseID: person))
        var exposures: [ContactExposure] = []
        if let report = try? await CaseTracing(services: services).trace(person) {
            exposures = Self.exposures(from: report)
        }
        try await services.store.replaceExposures(
            caseID: person, with: exposures,
            audit: services.event(actor, "case.traced", kind: "person", id: person, detail: "\(exposures.count) contacts"))
        let status = StatusService(services: services)
        try await status.refresh(person)
        try await status.refresh(Array(Set(exposures.map(\.person)).union(before)).sorted())
        return exposures.count
    }

    /// An epidemiologist's change to a case (confirm, discard, onset, isolation, outcome): stored,
    /// audited, and traced again.
    public func update(_ record: CaseRecord, as principal: Principal) async throws {
        guard principal.role.tracesContacts else {
            try await services.store.appendAudit(services.event(principal.auditName, "access.denied", kind: "case", id: record.person, detail: "update"))
            throw AccessPolicy.Denial.roleMayNot(role: principal.role, action: .write, kind: "case")
        }
        _ = try await PersonDirectory(services: services).resident(record.person, as: principal)
        let detail = "\(record.status.rawValue) onset \(record.onset.map(Timestamp.format) ?? "-") isolated \(record.isolatedAt.map(Timestamp.format) ?? "-") outcome \(record.outcome ?? "-")"
        try await services.store.saveCaseRecord(record, audit: services.event(principal.auditName, "case.update", kind: "person", id: record.person, detail: detail))
        try await caseChanged(record.person, actor: principal.auditName)
        // A discarded case is no longer published.
        if record.status == .discarded { try await DisclosureService(services: services).withdraw() }
    }

    /// One exposure per contact: the last moment of overlap (the window's end for household members
    /// and for those exposed through one, who are presumed exposed until the case was isolated).
    static func exposures(from report: TraceReport) -> [ContactExposure] {
        report.contacts.map { c in
            let last = c.evidence.compactMap { Timestamp.parse($0.to) }.max() ?? Timestamp.parse(report.window.to) ?? 0
            return ContactExposure(
                person: c.person, caseID: report.case, category: c.category.rawValue, lastExposure: Date(timeIntervalSince1970: Double(last)),
                place: c.evidence.first?.place)
        }
    }
}
