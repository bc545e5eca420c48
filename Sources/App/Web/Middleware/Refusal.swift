import Domain
import Hummingbird
import Ingestion
import Logging
import OpenAPIRuntime

/// What a failure tells the person who caused it — one table for the JSON API and for the pages.
/// The API answers with `status` and `apiMessage`; a page route renders the error page with
/// `pageMessage` in the reader's language (or follows a redirect).
struct Refusal: Sendable {
    let status: HTTPResponse.Status
    var headers: HTTPFields = [:]
    /// English, for machines and their operators.
    let apiMessage: String
    /// For a person reading the page.
    let pageMessage: @Sendable (Language) -> String
    /// A library's own HTTP error, answered by the API as that library shapes it.
    var passthrough: (any HTTPResponseError)? = nil

    init(_ status: HTTPResponse.Status, headers: HTTPFields = [:], api: String, page: (@Sendable (Language) -> String)? = nil) {
        self.status = status
        self.headers = headers
        self.apiMessage = api
        self.pageMessage = page ?? { _ in api }
    }

    var isRedirect: Bool { status == .seeOther || status == .found }

    /// The one mapping from what went wrong to what is answered. Driver and unexpected errors are
    /// logged and answered without detail.
    static func of(_ error: any Error, logger: Logger) -> Refusal {
        switch error {
        case let error as ServerError:
            // The OpenAPI layer wraps what went wrong. A request it could not even decode (wrong
            // content type, a missing or malformed field) is the client's mistake: 400 with why.
            guard error.operationInput != nil else {
                return Refusal(.badRequest, api: "the request does not match the API: \(error.causeDescription)")
            }
            return of(error.underlyingError, logger: logger)
        case let tooLarge as BodyLimitMiddleware.TooLarge:
            return Refusal(.contentTooLarge, api: "the body is larger than \(tooLarge.limit) bytes, the most this route takes")
        case let denial as AccessPolicy.Denial:
            return Refusal(.forbidden, api: denial.description) { Strings.denial(denial, $0) }
        case let error as StoreError:
            switch error {
            case .notFound: return Refusal(.notFound, api: error.description) { Strings.text("notFound", $0) }
            case .duplicate: return Refusal(.conflict, api: error.description)
            case .unavailable:
                logger.error("store error: \(error)")
                return Refusal(.serviceUnavailable, api: "the database is unavailable")
            }
        case let problem as DisclosureReviewProblem:
            let status: HTTPResponse.Status = if case .notADraft = problem { .conflict } else { .badRequest }
            return Refusal(status, api: problem.description) { Strings.text("disclosureProblem.\(problem.key)", $0) }
        case let problem as StaffProblem:
            let status: HTTPResponse.Status = switch problem {
            case .noSuchAccount, .noSuchToken: .notFound
            case .refused: .forbidden
            default: .badRequest
            }
            return Refusal(status, api: problem.description) { Strings.staffProblem(problem, $0) }
        case let error as ImportFailure:
            return Refusal(.badRequest, api: error.description)
        case let error as HTTPError:
            let body = error.body ?? error.status.reasonPhrase
            switch error.status {
            case .forbidden: return Refusal(.forbidden, headers: error.headers, api: body) { Strings.text("forbidden", $0) + " (" + body + ")" }
            case .notFound: return Refusal(.notFound, headers: error.headers, api: body) { Strings.text("notFound", $0) }
            default: return Refusal(error.status, headers: error.headers, api: body)
            }
        case let error as any HTTPResponseError:
            var refusal = Refusal(error.status, api: error.status.reasonPhrase)
            refusal.passthrough = error
            return refusal
        default:
            logger.error("unhandled error: \(String(reflecting: error))")
            return Refusal(.internalServerError, api: "internal error")
        }
    }
}
