import CordonAPI
import Domain
import Foundation

extension CordonAPIImplementation {
    /// `PUT /api/v1/pharmacies/{id}/stock`: a pharmacy's own account or a feed sets its stock.
    func setPharmacyStock(_ input: Operations.SetPharmacyStock.Input) async throws -> Operations.SetPharmacyStock.Output {
        guard let principal else { return .unauthorized(Self.unauthorized) }
        guard case .json(let body) = input.body else { return .badRequest(.init(body: .json(.init(error: "bad_request", message: "a JSON body is required")))) }
        do {
            let stock = try await pharmacies.setStock(pharmacyID: input.path.id, units: body.stock.additionalProperties, as: principal)
            return .ok(
                .init(
                    body: .json(
                        .init(
                            pharmacy: input.path.id,
                            stock: stock.map { .init(product: $0.product, units: $0.units, updatedAt: $0.updatedAt) }))))
        } catch let problem as StockProblem {
            if case .notAPharmacy = problem { return .notFound(.init(body: .json(.init(error: "not_found", message: problem.description)))) }
            return .badRequest(.init(body: .json(.init(error: "bad_request", message: problem.description))))
        } catch let denial as AccessPolicy.Denial {
            return .forbidden(.init(body: .json(.init(error: "forbidden", message: denial.description))))
        }
    }
}
