import CordonAPI
import Domain
import Foundation
import OpenAPIRuntime

/// Staff administration over the API (DESIGN §5, "Accounts and tokens"): the same rules as the
/// pages (`StaffAdministration`, `StaffRules`), one-time passwords in the answer once.
extension CordonAPIImplementation {
    func listAccounts(_ input: Operations.ListAccounts.Input) async throws -> Operations.ListAccounts.Output {
        guard let principal else { return .unauthorized(Self.unauthorized) }
        // The ranges the spec documents (the generated server does not check them).
        if let page = input.query.page, !(1...100_000).contains(page) {
            return .badRequest(.init(body: .json(.init(error: "bad_request", message: "page: 1 to 100000"))))
        }
        if let q = input.query.q, q.count > 64 {
            return .badRequest(.init(body: .json(.init(error: "bad_request", message: "q: at most 64 characters"))))
        }
        do {
            let request = PageRequest(page: input.query.page, size: PageRequest.maxLimit)
            let page = try await staff.list(as: principal, matching: input.query.q, page: request)
            return .ok(.init(body: .json(.init(accounts: page.items.map(Self.account), total: page.total, page: request.number))))
        } catch let denial as AccessPolicy.Denial {
            return .forbidden(.init(body: .json(.init(error: "forbidden", message: denial.description))))
        }
    }

    func createAccount(_ input: Operations.CreateAccount.Input) async throws -> Operations.CreateAccount.Output {
        guard let principal else { return .unauthorized(Self.unauthorized) }
        guard case .json(let body) = input.body else { return .badRequest(.init(body: .json(.init(error: "bad_request", message: "JSON body expected")))) }
        do {
            let issued = try await staff.create(
                .init(username: body.username, displayName: body.displayName, role: body.role, area: body.area, phone: body.phone), as: principal)
            return .created(.init(body: .json(.init(username: issued.account.username, password: issued.password))))
        } catch let problem as StaffProblem {
            switch problem {
            case .usernameTaken: return .conflict(.init(body: .json(.init(error: "conflict", message: problem.description))))
            case .refused: return .forbidden(.init(body: .json(.init(error: "forbidden", message: problem.description))))
            default: return .badRequest(.init(body: .json(.init(error: "bad_request", message: problem.description))))
            }
        } catch let denial as AccessPolicy.Denial {
            return .forbidden(.init(body: .json(.init(error: "forbidden", message: denial.description))))
        }
    }

    func disableAccount(_ input: Operations.DisableAccount.Input) async throws -> Operations.DisableAccount.Output {
        guard let principal else { return .unauthorized(Self.unauthorized) }
        do {
            try await staff.setDisabled(username: input.path.username, true, as: principal)
            return .ok(.init(body: .json(Self.account(try await staff.managed(input.path.username, as: principal)))))
        } catch let problem as StaffProblem {
            switch problem {
            case .noSuchAccount: return .notFound(.init(body: .json(.init(error: "not_found", message: problem.description))))
            case .refused: return .forbidden(.init(body: .json(.init(error: "forbidden", message: problem.description))))
            default: return .badRequest(.init(body: .json(.init(error: "bad_request", message: problem.description))))
            }
        } catch let denial as AccessPolicy.Denial {
            return .forbidden(.init(body: .json(.init(error: "forbidden", message: denial.description))))
        }
    }

    func resetAccountPassword(_ input: Operations.ResetAccountPassword.Input) async throws -> Operations.ResetAccountPassword.Output {
        guard let principal else { return .unauthorized(Self.unauthorized) }
        do {
            let password = try await staff.resetPassword(username: input.path.username, as: principal)
            return .ok(.init(body: .json(.init(username: input.path.username, password: password))))
        } catch let problem as StaffProblem {
            switch problem {
            case .noSuchAccount: return .notFound(.init(body: .json(.init(error: "not_found", message: problem.description))))
            case .refused: return .forbidden(.init(body: .json(.init(error: "forbidden", message: problem.description))))
            default: return .badRequest(.init(body: .json(.init(error: "bad_request", message: problem.description))))
            }
        } catch let denial as AccessPolicy.Denial {
            return .forbidden(.init(body: .json(.init(error: "forbidden", message: denial.description))))
        }
    }

    static func account(_ a: StaffAccount) -> Components.Schemas.Account {
        .init(
            username: a.username, displayName: a.displayName, role: a.role.rawValue, area: a.jurisdictionID, phone: a.workPhone, disabled: a.disabled,
            mustChangePassword: a.mustChangePassword)
    }
}
