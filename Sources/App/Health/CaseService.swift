import ContactTracing
import Domain
import Foundation
import Logging

/// What happens when a case appears or changes: it is traced again, what tracing found replaces its
/// earlier exposures, and everyone concerned (the case, old and new contacts) gets a new status.
///
/// A trace that fails is never taken for "no contacts": the earlier exposures stay (red people stay
/// red), the failure is logged with the case, counted in `/metrics`, recorded for the case page, and
/// `TimelineKeeper` traces the case again until it succeeds.
public struct CaseService: Sendable {
    let store: any HealthRepository & FeedRepository
    let clock: WallClock
    let profiles: ProfileStore
    let logger: Logger
    let traceFailures: TraceFailureCounter
    let tracing: CaseTracing
    let disclosures: DisclosureService
    let directory: PersonDirectory
    let statuses: StatusService
    /// The public figures count confirmed cases: a changed status shows there at once, not when
    /// the cache would have expired.
    let publicCache: PublicCache

    /// What became of a trace.
    public enum Outcome: Equatable, Sendable {
        /// Traced; the case has this many contacts now (0 when the person is no longer a case).
        case traced(contacts: Int)
        /// The trace threw; the case's earlier exposures are unchanged.
        case failed(reason: String)
    }

    /// Re-traces a case and refreshes the statuses it touches.
    @discardableResult
    public func caseChanged(_ person: String, actor: String) async throws -> Outcome {
        let before = Set(try await store.exposedPeople(caseID: person))
        var exposures: [ContactExposure] = []
        do {
            exposures = Self.exposures(from: try await tracing.trace(person))
        } catch StoreError.notFound {
            // No longer a case (discarded, or its positive result withdrawn), or never anywhere the
            // timeline knows: it has no contacts, and earlier ones are released.
        } catch {
            return try await traceFailed(person, error: error)
        }
        try await store.replaceExposures(
            caseID: person, with: exposures,
            audit: clock.event(actor, .caseTraced, kind: "person", id: person, detail: "\(exposures.count) contacts"))
        do {
            try await statuses.refresh(person)
            try await statuses.refresh(Array(Set(exposures.map(\.person)).union(before)).sorted())
        } catch {
            // The contacts are stored but not everyone's colour followed: the retry traces and refreshes again.
            return try await traceFailed(person, error: error)
        }
        return .traced(contacts: exposures.count)
    }

    /// Records a failed trace; the previous exposures (and so the colours) stay as they were.
    private func traceFailed(_ person: String, error: any Error) async throws -> Outcome {
        // Reflecting: PostgreSQL errors describe themselves only generically, and the epidemiologist needs the cause.
        let reason = String(reflecting: error).prefix(300).description
        traceFailures.increment()
        logger.error("tracing: the trace of case \(person) failed; its earlier contacts are kept and it will be retried: \(reason)")
        // If the store cannot even take the note, the error reaches the caller (an import, a case
        // edit, the retry loop), which reports it: nobody is told the case was traced.
        try await store.recordTraceFailure(caseID: person, at: clock.now(), reason: reason)
        return .failed(reason: reason)
    }

    /// Traces again the cases whose last trace failed, oldest failure first; returns how many now succeeded.
    public func retryFailedTraces(limit: Int = 100) async throws -> Int {
        var succeeded = 0
        for failure in try await store.traceFailures(limit: limit) {
            if case .traced = try await caseChanged(failure.caseID, actor: "system:tracing") { succeeded += 1 }
        }
        return succeeded
    }

    /// An epidemiologist's change to a case (confirm, discard, onset, isolation, outcome): checked
    /// (`CaseRecordRejected` says why dates are refused; nothing is stored then), stored, audited,
    /// and traced again. `confirmedOld`: the epidemiologist confirms a date before the retention window.
    @discardableResult
    public func update(_ record: CaseRecord, as principal: Principal, confirmedOld: Bool = false) async throws -> Outcome {
        _ = try await directory.resident(record.person, as: principal, for: .editCases)
        let firstPositive = try await store.labResults(person: record.person).filter { $0.result == .positive }.map(\.sampledAt).min()
        let problems = record.problems(firstPositive: firstPositive, now: clock.now(), profile: profiles.profile, confirmedOld: confirmedOld)
        guard problems.isEmpty else { throw CaseRecordRejected(problems) }
        let detail = "\(record.status.rawValue) onset \(record.onset.map(Timestamp.format) ?? "-") isolated \(record.isolatedAt.map(Timestamp.format) ?? "-") outcome \(record.outcome ?? "-")"
        try await store.saveCaseRecord(record, audit: clock.event(principal.auditName, .caseUpdate, kind: "person", id: record.person, detail: detail))
        let outcome = try await caseChanged(record.person, actor: principal.auditName)
        // A discarded case is no longer published.
        if record.status == .discarded { try await disclosures.withdraw() }
        publicCache.clear()
        return outcome
    }

    /// One exposure per contact: the last moment of overlap (the window's end for household members
    /// and for those exposed through one, who are presumed exposed until the case was isolated).
    static func exposures(from report: TraceReport) -> [ContactExposure] {
        report.contacts.map { c in
            let last = c.evidence.compactMap { Timestamp.parse($0.to) }.max() ?? Timestamp.parse(report.window.to) ?? 0
            return ContactExposure(
                person: c.person, caseID: report.case, category: ExposureCategory(c.category), lastExposure: Date(timeIntervalSince1970: Double(last)),
                place: c.evidence.first?.place)
        }
    }
}
