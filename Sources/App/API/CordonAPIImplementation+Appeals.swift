import CordonAPI
import Domain
import Foundation
import OpenAPIRuntime

/// Appeals: submitted by residents and proxies, decided by reviewers (`AppealService` decides).
extension CordonAPIImplementation {
    func listOpenAppeals(_ input: Operations.ListOpenAppeals.Input) async throws -> Operations.ListOpenAppeals.Output {
        guard let principal else { return .unauthorized(Self.unauthorized) }
        do {
            // Only appeals of people inside the reviewer's jurisdiction (the store filters).
            // The first 500, nearest deadline first, as this endpoint has always answered (pages of the store's size).
            var found: [Appeal] = []
            var page = PageRequest(offset: 0, limit: PageRequest.maxLimit)
            while found.count < 500 {
                let next = try await appeals.open(as: principal, page: page)
                found += next.items
                guard next.hasNext else { break }
                page.offset += page.limit
            }
            return .ok(.init(body: .json(found.prefix(500).map(Self.appeal))))
        } catch let denial as AccessPolicy.Denial {
            return .forbidden(.init(body: .json(.init(error: "forbidden", message: denial.description))))
        }
    }

    func submitAppeal(_ input: Operations.SubmitAppeal.Input) async throws -> Operations.SubmitAppeal.Output {
        guard let principal else { return .unauthorized(Self.unauthorized) }
        guard case .json(let body) = input.body else { return .badRequest(.init(body: .json(.init(error: "bad_request", message: "JSON body expected")))) }
        do {
            let appeal = try await appeals.submit(
                person: body.person, factKind: body.factKind.rawValue, factID: body.factId, reason: body.reason, as: principal)
            return .created(.init(body: .json(Self.appeal(appeal))))
        } catch let problem as AppealService.Problem {
            return .badRequest(.init(body: .json(.init(error: "bad_request", message: problem.description))))
        } catch let denial as AccessPolicy.Denial {
            return .forbidden(.init(body: .json(.init(error: "forbidden", message: denial.description))))
        } catch StoreError.notFound(let kind, let id) {
            return .notFound(.init(body: .json(.init(error: "not_found", message: "no \(kind) with id \(id)"))))
        }
    }

    func decideAppeal(_ input: Operations.DecideAppeal.Input) async throws -> Operations.DecideAppeal.Output {
        guard let principal else { return .unauthorized(Self.unauthorized) }
        guard case .json(let body) = input.body else { return .badRequest(.init(body: .json(.init(error: "bad_request", message: "JSON body expected")))) }
        do {
            let appeal = try await appeals.decide(input.path.id, uphold: body.uphold, decision: body.decision, as: principal)
            return .ok(.init(body: .json(Self.appeal(appeal))))
        } catch let problem as AppealService.Problem {
            switch problem {
            case .alreadyDecided: return .conflict(.init(body: .json(.init(error: "conflict", message: problem.description))))
            default: return .badRequest(.init(body: .json(.init(error: "bad_request", message: problem.description))))
            }
        } catch let denial as AccessPolicy.Denial {
            return .forbidden(.init(body: .json(.init(error: "forbidden", message: denial.description))))
        } catch StoreError.notFound(let kind, let id) {
            return .notFound(.init(body: .json(.init(error: "not_found", message: "no \(kind) with id \(id)"))))
        }
    }

    static func appeal(_ a: Appeal) -> Components.Schemas.Appeal {
        .init(
            id: a.id, person: a.person, factKind: a.factKind, factId: a.factID, reason: a.reason, submittedAt: a.submittedAt, deadline: a.deadline,
            state: .init(rawValue: a.state.rawValue) ?? .open, decision: a.decision)
    }
}
