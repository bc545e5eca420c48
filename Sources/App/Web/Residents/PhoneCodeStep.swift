import Domain
import HTTPTypes

/// The "send me a code" step of the forms that prove a phone by SMS (applying for a code, a help
/// request without an account): what to tell the person, and the status the page answers with.
struct PhoneCodeStep {
    var notice: String?
    var problem: String?
    var status: HTTPResponse.Status

    var sent: Bool { notice != nil }

    /// Runs `send`; a bad phone or too many codes become the page's words, anything else is thrown.
    static func run(_ lang: Language, pages: PageRenderer, _ send: () async throws -> Void) async throws -> PhoneCodeStep {
        do {
            try await send()
            return PhoneCodeStep(notice: Strings.text("apply.codeSent", lang), status: .ok)
        } catch is PhoneNumber.Problem {
            return PhoneCodeStep(problem: Strings.text("apply.problem.phone", lang), status: .badRequest)
        } catch AccountService.SignInError.throttled(let until) {
            return PhoneCodeStep(problem: Strings.text("apply.problem.throttled", lang, pages.time(until)), status: .tooManyRequests)
        }
    }
}
