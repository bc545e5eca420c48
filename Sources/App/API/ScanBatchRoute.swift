import CordonAPI
import Domain
import Foundation
import Hummingbird

/// POST /api/v1/scans/batch, a gate's queue, served by Hummingbird itself as `ScanRoute` is: the
/// OpenAPI layer's JSON coders cost 17 % of a batch's server CPU (BENCHMARKS.md, session 26).
/// The contract stays the spec's `recordScanBatch`: its generated types in and out, refusals as the
/// Problem body naming the field, an answer per scan in the order sent.
struct ScanBatchRoute: Sendable {
    let scans: ScanService

    static let method = HTTPRequest.Method.post
    static let path = "/api/v1/scans/batch"

    func register(on router: Router<CordonRequestContext>) {
        router.post(RouterPath(Self.path)) { request, context in try await self.answer(request, context: context) }
    }

    /// The answers, or the refusal of the whole batch. An access denial (a role that does not scan)
    /// goes on to DomainErrorMiddleware, which answers it 403 as on every route.
    func answer(_ request: Request, context: CordonRequestContext) async throws -> Response {
        guard let principal = context.identity, !principal.mustChangePassword else {
            return DomainErrorMiddleware.problem(.unauthorized, "sign in or send a bearer token")
        }
        let body: Components.Schemas.ScanBatch
        switch try await ScanRoute.decode(request, as: Components.Schemas.ScanBatch.self, plain: ScanJSON.plainBatch) {
        case .success(let batch): body = batch
        case .failure(let problem): return DomainErrorMiddleware.problem(.badRequest, "the request does not match the API: \(problem)")
        }
        guard (1...ScanService.maxBatch).contains(body.scans.count) else {
            return DomainErrorMiddleware.problem(.badRequest, "scans: send 1 to \(ScanService.maxBatch) scans in a batch (got \(body.scans.count))")
        }
        let answers = try await scans.scan(batch: body.scans.map { .init(text: $0.text, place: $0.place, scannedAt: $0.scannedAt) }, by: principal)
        let result = Components.Schemas.ScanBatchResult(results: answers.enumerated().map { i, answer in
            switch answer {
            case .success(let verdict):
                return .init(verdict: CordonAPIImplementation.verdict(verdict))
            case .failure(let refusal):
                let error: Components.Schemas.ScanBatchItem._ErrorPayload =
                    switch refusal {
                    case .notACheckpoint: .notFound
                    case .outsideJurisdiction: .forbidden
                    case .scannedTooLongAgo: .badRequest
                    }
                return .init(error: error, message: "scans[\(i)]: \(refusal.description)")
            }
        })
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: ScanJSON.encode(result))))
    }
}
