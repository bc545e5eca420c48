import CordonAPI
import Domain
import Foundation
import OpenAPIRuntime

/// Health statuses, case edits and manual colours. Handlers translate; `StatusService`,
/// `CaseService` and `OverrideService` decide.
extension CordonAPIImplementation {
    func getResidentStatus(_ input: Operations.GetResidentStatus.Input) async throws -> Operations.GetResidentStatus.Output {
        guard let principal else { return .unauthorized(Self.unauthorized) }
        return try await Self.guarded(forbidden: { .forbidden($0) }, notFound: { .notFound($0) }) {
            _ = try await directory.resident(input.path.id, as: principal)  // jurisdiction, audited read
            let status = try await statuses.refresh(input.path.id)
            return .ok(.init(body: .json(Self.statusReport(StatusReport(status)))))
        }
    }

    func updateCase(_ input: Operations.UpdateCase.Input) async throws -> Operations.UpdateCase.Output {
        guard let principal else { return .unauthorized(Self.unauthorized) }
        do {
            try await directory.authorize(principal, .editCases, kind: "person", id: input.path.id)  // audited refusal
        } catch let denial as AccessPolicy.Denial {
            return .forbidden(.init(body: .json(.init(error: "forbidden", message: denial.description))))
        }
        guard case .json(let body) = input.body, let status = CaseRecordStatus(rawValue: body.status.rawValue) else {
            return .badRequest(.init(body: .json(.init(error: "bad_request", message: "status must be suspected, confirmed or discarded"))))
        }
        let record = CaseRecord(
            person: input.path.id, status: status, onset: body.onset, isolatedAt: body.isolatedAt, outcome: body.outcome,
            updatedBy: principal.auditName, updatedAt: clock.now())
        return try await Self.guarded(forbidden: { .forbidden($0) }, notFound: { .notFound($0) }) {
            let outcome: CaseService.Outcome
            do {
                outcome = try await cases.update(record, as: principal, confirmedOld: body.confirmOld ?? false)
            } catch let rejected as CaseRecordRejected {
                return .badRequest(.init(body: .json(.init(error: "bad_request", message: rejected.description))))
            }
            let contacts = try await store.exposedPeople(caseID: record.person).count
            var traceError: String? = nil
            if case .failed(let reason) = outcome { traceError = reason }
            return .ok(.init(body: .json(.init(
                person: record.person, status: .init(rawValue: status.rawValue) ?? .suspected, onset: record.onset, isolatedAt: record.isolatedAt,
                outcome: record.outcome, contacts: contacts, traceError: traceError))))
        }
    }

    func proposeOverride(_ input: Operations.ProposeOverride.Input) async throws -> Operations.ProposeOverride.Output {
        guard let principal else { return .unauthorized(Self.unauthorized) }
        guard case .json(let body) = input.body, let colour = HealthColour(rawValue: body.colour.rawValue) else {
            return .badRequest(.init(body: .json(.init(error: "bad_request", message: "colour must be red, yellow or green"))))
        }
        do {
            let request = try await overrides.propose(
                person: body.person, colour: colour, legalBasis: body.legalBasis, until: body.until, as: principal)
            return .created(.init(body: .json(Self.overrideRequest(request))))
        } catch let refusal as OverridePolicy.Refusal {
            switch refusal {
            case .missingLegalBasis, .badExpiry: return .badRequest(.init(body: .json(.init(error: "bad_request", message: refusal.description))))
            default: return .forbidden(.init(body: .json(.init(error: "forbidden", message: refusal.description))))
            }
        } catch let denial as AccessPolicy.Denial {
            return .forbidden(.init(body: .json(.init(error: "forbidden", message: denial.description))))
        } catch StoreError.notFound(let kind, let id) {
            return .notFound(.init(body: .json(.init(error: "not_found", message: "no \(kind) with id \(id)"))))
        }
    }

    func decideOverride(_ input: Operations.DecideOverride.Input) async throws -> Operations.DecideOverride.Output {
        guard let principal else { return .unauthorized(Self.unauthorized) }
        guard case .json(let body) = input.body else { return .notFound(.init(body: .json(.init(error: "not_found", message: "no body")))) }
        do {
            let request = try await overrides.decide(input.path.id, approve: body.approve, note: body.note, as: principal)
            return .ok(.init(body: .json(Self.overrideRequest(request))))
        } catch let refusal as OverridePolicy.Refusal {
            if refusal == .alreadyDecided { return .conflict(.init(body: .json(.init(error: "conflict", message: refusal.description)))) }
            return .forbidden(.init(body: .json(.init(error: "forbidden", message: refusal.description))))
        } catch StoreError.notFound(let kind, let id) {
            return .notFound(.init(body: .json(.init(error: "not_found", message: "no \(kind) with id \(id)"))))
        }
    }

    static func statusReport(_ r: StatusReport) -> Components.Schemas.StatusReport {
        func date(_ text: String?) -> Date? { text.flatMap(Timestamp.parse).map { Date(timeIntervalSince1970: Double($0)) } }
        return .init(
            person: r.person, colour: .init(rawValue: r.colour.rawValue) ?? .green,
            reasons: r.reasons.map {
                .init(rule: $0.rule, colour: .init(rawValue: $0.colour.rawValue) ?? .green, facts: .init(additionalProperties: $0.facts), until: date($0.until))
            },
            until: date(r.until), actions: r.actions, profileVersion: r.profileVersion)
    }

    static func overrideRequest(_ r: OverrideRequest) -> Components.Schemas.OverrideRequest {
        .init(
            id: r.id, person: r.person, colour: .init(rawValue: r.colour.rawValue) ?? .red, legalBasis: r.legalBasis, until: r.until, proposer: r.proposer,
            state: .init(rawValue: r.state.rawValue) ?? .proposed, approver: r.approver)
    }
}
