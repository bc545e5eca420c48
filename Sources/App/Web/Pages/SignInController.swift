import Domain
import Foundation
import Hummingbird
import Privacy
import QRImage

/// Sign-in for staff (user name and password) and residents (phone and SMS code), sign-out and
/// the language switch.
struct SignInController {
    let accounts: AccountService
    let clock: WallClock
    let pages: PageRenderer
    let sessionLifetime: TimeInterval

    struct StaffForm: Decodable { var username: String; var password: String; var next: String? }
    struct PhoneForm: Decodable { var phone: String; var next: String? }
    struct CodeForm: Decodable { var phone: String; var code: String; var next: String? }
    struct SecondFactorForm: Decodable { var code: String; var next: String? }

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("signin") { request, context in
            // Where the reader was going when they were asked to sign in.
            pages.render("signin", SignInPage(next: SitePath.local(request.uri.queryParameters.get("next"))), request: request, context: context)
        }
        router.post("signin") { request, context in
            let form = try await request.decode(as: StaffForm.self, context: context)
            do {
                switch try await accounts.signInStaff(username: form.username, password: form.password, client: context.clientAddress) {
                case .signedIn(let secret, _):
                    return signedIn(secret, next: form.next, request: request)
                case .secondFactorNeeded(let pending):
                    let next = SitePath.local(form.next).map { "?next=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? ""
                    var response = Response(status: .seeOther, headers: [.location: "/signin/second-factor" + next])
                    response.setCookie(
                        SiteCookies.make(SiteCookies.secondFactor, value: pending, maxAge: Int(AccountService.secondFactorWindow), sameSite: .strict, request: request))
                    return response
                }
            } catch AccountService.SignInError.throttled(let until) {
                return throttled(until, SignInPage(username: form.username, next: SitePath.local(form.next)), request: request, context: context)
            } catch is AccountService.SignInError {
                let lang = Language.of(request)
                return pages.render(
                    "signin", SignInPage(error: Strings.text("wrongCredentials", lang), username: form.username, next: SitePath.local(form.next)),
                    request: request, context: context, status: .unauthorized)
            }
        }
        router.post("signin/code-request") { request, context in
            let form = try await request.decode(as: PhoneForm.self, context: context)
            let lang = Language.of(request)
            do {
                try await accounts.requestResidentCode(phone: form.phone, client: context.clientAddress)
            } catch AccountService.SignInError.throttled(let until) {
                return throttled(until, SignInPage(phone: form.phone, codeForm: true, next: SitePath.local(form.next)), request: request, context: context)
            } catch is PhoneNumber.Problem {
                return pages.render(
                    "signin", SignInPage(error: Strings.text("badPhone", lang), phone: form.phone, next: SitePath.local(form.next)), request: request,
                    context: context, status: .badRequest)
            }
            return pages.render(
                "signin", SignInPage(notice: Strings.text("codeSent", lang), phone: form.phone, codeForm: true, next: SitePath.local(form.next)),
                request: request, context: context)
        }
        router.post("signin/code") { request, context in
            let form = try await request.decode(as: CodeForm.self, context: context)
            do {
                let (secret, _) = try await accounts.signInResident(phone: form.phone, code: form.code, client: context.clientAddress)
                return signedIn(secret, next: form.next, request: request)
            } catch AccountService.SignInError.throttled(let until) {
                return throttled(until, SignInPage(phone: form.phone, codeForm: true, next: SitePath.local(form.next)), request: request, context: context)
            } catch is AccountService.SignInError {
                let lang = Language.of(request)
                return pages.render(
                    "signin", SignInPage(error: Strings.text("wrongCode", lang), phone: form.phone, codeForm: true, next: SitePath.local(form.next)),
                    request: request, context: context, status: .unauthorized)
            } catch is PhoneNumber.Problem {
                return pages.render(
                    "signin", SignInPage(error: Strings.text("badPhone", Language.of(request))), request: request, context: context, status: .badRequest)
            }
        }
        router.get("signin/second-factor") { request, context in
            try await secondFactorPage(SecondFactorPage(next: SitePath.local(request.uri.queryParameters.get("next"))), request: request, context: context)
        }
        router.post("signin/second-factor") { request, context in
            let form = try await request.decode(as: SecondFactorForm.self, context: context)
            let lang = Language.of(request)
            let page = SecondFactorPage(next: SitePath.local(form.next))
            guard let pending = SiteCookies.value(SiteCookies.secondFactor, request) else { return expiredSecondFactor(request, context) }
            do {
                let (secret, _) = try await accounts.completeSecondFactor(pendingSecret: pending, code: form.code, client: context.clientAddress)
                var response = signedIn(secret, next: form.next, request: request)
                response.setCookie(SiteCookies.make(SiteCookies.secondFactor, value: "", maxAge: 0, sameSite: .strict, request: request))
                return response
            } catch AccountService.SignInError.throttled(let until) {
                return throttled(until, SignInPage(next: page.next), request: request, context: context)
            } catch AccountService.SignInError.secondFactorExpired {
                return expiredSecondFactor(request, context)
            } catch AccountService.SignInError.wrongCredentials {
                var again = page
                again.error = Strings.text("wrongSecondFactor", lang)
                return try await secondFactorPage(again, request: request, context: context, status: .unauthorized)
            }
        }
        router.post("signout") { request, context in
            if let secret = SiteCookies.value(SessionAuthenticator.cookieName, request) {
                try await accounts.signOut(sessionSecret: secret, actor: context.identity?.auditName ?? "anonymous")
            }
            var response = Response(status: .seeOther, headers: [.location: "/signin"])
            response.setCookie(SiteCookies.make(SessionAuthenticator.cookieName, value: "", maxAge: 0, sameSite: .lax, request: request))
            return response
        }
        router.get("lang/:code") { request, context in
            let code = context.parameters.get("code") ?? "zh"
            let lang = Language(rawValue: code) ?? .zh
            let back = SitePath.local(request.uri.queryParameters.get("back")) ?? "/"
            var response = Response(status: .seeOther, headers: [.location: back])
            response.setCookie(.init(name: "lang", value: lang.rawValue, maxAge: 365 * 86400, path: "/", sameSite: .lax))
            return response
        }
    }

    /// The second-factor form; for an account still without one, first the secret to add to an
    /// authenticator app (QR and text).
    private func secondFactorPage(
        _ page: SecondFactorPage, request: Request, context: CordonRequestContext, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let pending = SiteCookies.value(SiteCookies.secondFactor, request) else { return expiredSecondFactor(request, context) }
        let factor: (account: StaffAccount, totp: TOTP, enrolled: Bool)
        do {
            factor = try await accounts.secondFactor(pendingSecret: pending)
        } catch AccountService.SignInError.secondFactorExpired {
            return expiredSecondFactor(request, context)
        }
        var page = page
        page.username = factor.account.username
        if !factor.enrolled {
            let uri = factor.totp.provisioningURI(account: factor.account.username, issuer: "Cordon")
            page.enrolment = SecondFactorPage.Enrolment(
                secret: Base32.encode(factor.totp.secret), qr: try QRMatrix.encode(uri).svg(size: 220, label: Strings.text("secondFactorQR", Language.of(request))))
        }
        return pages.render("second-factor", page, request: request, context: context, status: status)
    }

    /// The half-finished sign-in is gone (over five minutes, or never was): back to the password.
    private func expiredSecondFactor(_ request: Request, _ context: CordonRequestContext) -> Response {
        pages.render(
            "signin", SignInPage(error: Strings.text("secondFactorExpired", Language.of(request))), request: request, context: context, status: .unauthorized)
    }

    private func signedIn(_ secret: String, next: String?, request: Request) -> Response {
        var response = Response(status: .seeOther, headers: [.location: SitePath.local(next) ?? "/"])
        response.setCookie(SiteCookies.make(SessionAuthenticator.cookieName, value: secret, maxAge: Int(sessionLifetime), sameSite: .lax, request: request))
        return response
    }

    /// A used-up limit: 429 with `Retry-After`, and the page says how long to wait.
    private func throttled(_ until: Date, _ page: SignInPage, request: Request, context: CordonRequestContext) -> Response {
        let seconds = max(1, Int(until.timeIntervalSince(clock.now()).rounded(.up)))
        var page = page
        let lang = Language.of(request)
        let wait =
            seconds < 120
            ? Strings.text("seconds", lang, "\(seconds)")
            : seconds < 7_200 ? Strings.text("minutes", lang, "\((seconds + 59) / 60)") : Strings.text("hours", lang, "\((seconds + 3_599) / 3_600)")
        page.error = Strings.text("throttled", lang, wait)
        var response = pages.render("signin", page, request: request, context: context, status: .tooManyRequests)
        response.headers[.retryAfter] = "\(seconds)"
        return response
    }

}

/// The sign-in page: a problem or a notice, what was typed (shown again), and the code form once
/// a code was sent.
struct SignInPage: PageModel {
    var error: String?
    var notice: String?
    var username: String?
    var phone: String?
    /// A code was sent to `phone`: show the form to type it in.
    var codeForm = false
    /// The page to go on to once signed in (a site path, checked).
    var next: String?
}

/// The second step of a staff sign-in: the six-digit code of an authenticator app, after the
/// secret (QR and text) when the account has none yet.
struct SecondFactorPage: PageModel {
    var error: String?
    var username: String?
    var next: String?
    var enrolment: Enrolment?

    struct Enrolment: Sendable {
        /// Base32, grouped as apps show it.
        let secret: String
        /// The `otpauth://` URI as an SVG QR code, rendered unescaped.
        let qr: String
    }
}
