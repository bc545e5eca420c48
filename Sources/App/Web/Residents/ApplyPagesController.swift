import Domain
import Foundation
import Hummingbird

/// Applying for a code (申领), for people not in the register: prove the phone with an SMS code,
/// declare who and where, get a code at once. A refused form comes back as typed (never through
/// the URL: it holds an identity number), the field named in the reader's language.
struct ApplyPagesController {
    let registrations: RegistrationService
    let clock: WallClock
    let pages: PageRenderer
    let sessionLifetime: TimeInterval

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("apply") { request, context in
            pages.render("apply", ApplyPage(form: ApplyForm.blank, lang: Language.of(request), today: today), request: request, context: context)
        }
        router.post("apply/code") { request, context in
            let form = try await request.decode(as: ApplyForm.self, context: context)
            let lang = Language.of(request)
            var page = ApplyPage(form: form, lang: lang, today: today)
            let step = try await PhoneCodeStep.run(lang, pages: pages) { try await registrations.requestCode(phone: form.phone, client: context.clientAddress) }
            (page.notice, page.problem, page.codeSent) = (step.notice, step.problem, step.sent)
            return pages.render("apply", page, request: request, context: context, status: step.status)
        }
        router.post("apply") { request, context in
            let form = try await request.decode(as: ApplyForm.self, context: context)
            let lang = Language.of(request)
            var page = ApplyPage(form: form, lang: lang, today: today)
            page.codeSent = true
            do {
                switch try await registrations.apply(form.application, code: form.code ?? "", client: context.clientAddress) {
                case .registered(_, let session), .signedIn(_, let session):
                    var response = Response(status: .seeOther, headers: [.location: "/?applied=1"])
                    response.setCookie(
                        SiteCookies.make(SessionAuthenticator.cookieName, value: session, maxAge: Int(sessionLifetime), sameSite: .lax, request: request))
                    return response
                case .claimPending:
                    return pages.render("apply-claim", ApplyClaimPage(), request: request, context: context, status: .accepted)
                }
            } catch let problem as RegistrationService.Problem {
                page.problem = Self.words(problem, lang)
                page.problemField = problem.field
            } catch AccountService.SignInError.throttled(let until) {
                page.problem = Strings.text("apply.problem.throttled", lang, pages.time(until))
                return pages.render("apply", page, request: request, context: context, status: .tooManyRequests)
            } catch is AccountService.SignInError {
                page.problem = Strings.text("apply.problem.code", lang)
                page.problemField = "code"
            }
            return pages.render("apply", page, request: request, context: context, status: .badRequest)
        }
    }

    private var today: String { pages.day(clock.now()).description }

    /// "身份证号：…" / "Identity number: …": the field's label, then what is wrong.
    static func words(_ problem: RegistrationService.Problem, _ lang: Language) -> String {
        let label = Strings.text("apply.\(problem.field)", lang)
        switch problem {
        case .unknownCompound(let typed, let names):
            let hint = names.isEmpty ? "" : Strings.text("apply.didYouMean", lang, names.joined(separator: lang == .zh ? "、" : ", "))
            return label + (lang == .zh ? "：" : ": ") + Strings.text("apply.problem.compound", lang, typed) + hint
        case .field(let p):
            return label + (lang == .zh ? "：" : ": ") + (lang == .zh ? Strings.text("apply.problem.\(p.field)", lang) : p.reason)
        }
    }
}

/// The application form as typed (kept on a refusal; the code never comes back).
struct ApplyForm: Decodable, Sendable {
    var phone: String
    var code: String?
    var name: String?
    var idType: String?
    var idNumber: String?
    var compound: String?
    var address: String?
    var fromRegion: String?
    var arrivedOn: String?
    var symptoms: [String]?
    var temperature: String?

    static let blank = ApplyForm(phone: "")

    init(phone: String) { self.phone = phone }

    var application: CodeApplication {
        CodeApplication(
            phone: phone, name: name ?? "", idType: idType ?? "resident-id", idNumber: idNumber ?? "", compound: compound ?? "", address: address ?? "",
            fromRegion: fromRegion ?? "", arrivedOn: arrivedOn ?? "", symptoms: symptoms ?? [], temperature: temperature ?? "")
    }
}

struct ApplyPage: PageModel {
    let phone: String
    let name: String
    let idNumber: String
    let idTypes: [RoleOption]
    let compound: String
    let address: String
    let fromRegion: String
    let arrivedOn: String
    let today: String
    let symptoms: [RoleOption]
    let temperature: String
    /// Region codes people know by name, offered as they type (any code is accepted).
    let regions: [RoleOption]
    var codeSent = false
    var notice: String?
    var problem: String?
    var problemField: String?

    init(form: ApplyForm, lang: Language, today: String) {
        phone = form.phone
        name = form.name ?? ""
        idNumber = form.idNumber ?? ""
        idTypes = ["resident-id", "passport", "other"].map {
            RoleOption(value: $0, label: Strings.text("apply.idType.\($0)", lang), selected: $0 == (form.idType ?? "resident-id"))
        }
        compound = form.compound ?? ""
        address = form.address ?? ""
        fromRegion = form.fromRegion ?? ""
        arrivedOn = form.arrivedOn ?? ""
        self.today = today
        symptoms = CodeApplication.knownSymptoms.map { RoleOption(value: $0, label: Strings.text("symptom.\($0)", lang), selected: form.symptoms?.contains($0) == true) }
        temperature = form.temperature ?? ""
        regions = RegionNames.table.keys.sorted().map { RoleOption(value: $0, label: RegionNames.name($0, lang), selected: false) }
    }
}

struct ApplyClaimPage: PageModel {}
