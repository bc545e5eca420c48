import Credentials
import Domain
import Foundation
import Hummingbird
import QRImage

/// The resident's health code page (a fresh code every minute, for themselves and their dependants)
/// and the checkpoint operator's scan page (a large verdict; the scan is recorded as presence).
struct CredentialPagesController {
    let store: any AuditLogRepository & PlaceRepository
    let clock: WallClock
    let credentials: CredentialService
    let scans: ScanService
    let directory: PersonDirectory
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("code") { request, context in
            let principal = try context.requirePrincipal(may: .holdCodes)
            guard case .resident(let me) = principal.subject else { throw AccessPolicy.Denial.roleMayNot(role: principal.role, permission: .holdCodes) }
            let lang = Language.of(request)
            var codes: [CodeCard] = []
            for person in [me] + principal.dependants {
                let resident = try await directory.resident(person, as: principal)
                let (text, credential) = try await credentials.issue(for: person)
                // Whose code each is, in words: a proxy shows several at a gate and must not show the wrong one.
                let whose = person == me ? Strings.text("codeOfMine", lang) : Strings.text("codeHeldFor", lang, Masking.name(resident.name))
                codes.append(CodeCard(
                    person: person, whose: whose, name: Masking.name(resident.name), colour: credential.colour, colourName: Strings.text("colour.\(credential.colour)", lang),
                    svg: try QRMatrix.encode(text).svg(size: 280, label: Strings.text("healthCode", lang)), until: pages.time(credential.expiresAt)))
            }
            return pages.render("code", CodePage(codes: codes), request: request, context: context)
        }
        // A printable code for someone without a phone, printed by themselves, their proxy or the
        // staff of their area (the read of the person is checked and audited by the directory).
        // Printing issues a credential and writes the audit log, so it is a POST (a button), never a link.
        router.post("code/paper/:person") { request, context in
            let principal = try context.requirePrincipal()  // the directory checks role and area, and audits a refusal
            let person = try context.parameters.require("person")
            let resident = try await directory.resident(person, as: principal, for: .printPaperCodes)
            let lang = Language.of(request)
            let (text, credential) = try await credentials.issue(for: person, kind: .paper)
            try await store.appendAudit(clock.event(principal.auditName, .credentialPrint, kind: "person", id: person, detail: Hex.encode(credential.id)))
            let until = pages.time(credential.expiresAt)
            let page = PaperCodePage(
                name: Masking.name(resident.name), colour: credential.colour, colourName: Strings.text("colour.\(credential.colour)", lang),
                svg: try QRMatrix.encode(text).svg(size: 360, label: Strings.text("paperCodeTitle", lang)),
                note: Strings.text("paperCodeNote", lang, until), codeID: Hex.encode(credential.id))
            return pages.render("paper-code", page, request: request, context: context)
        }
        router.get("checkpoint") { request, context in
            let principal = try context.requirePrincipal(may: .scan)
            return pages.render("checkpoint", try await checkpointPage(principal, request: request), request: request, context: context)
        }
        router.post("checkpoint") { request, context in
            let principal = try context.requirePrincipal(may: .scan)
            let form = try await request.decode(as: ScanForm.self, context: context)
            let lang = Language.of(request)
            var page = try await checkpointPage(principal, request: request, selected: form.place)
            do {
                let verdict = try await scans.scan(form.text, at: form.place, by: principal)
                let dcc = verdict.valid && !verdict.travelEvidence.isEmpty
                page.verdict = ScanVerdict(
                    valid: verdict.valid, colour: verdict.colour ?? (dcc ? "dcc" : "invalid"),
                    label: verdict.colour.map { Strings.text("colour.\($0)", lang) }
                        ?? (dcc ? Strings.text("dccValid", lang, verdict.travelEvidence.map { Strings.text("dcc.\($0)", lang) }.joined(separator: ", ")) : Strings.text("invalidCode", lang)),
                    name: verdict.maskedName ?? "", reason: verdict.error.map { Strings.credentialError($0.code, lang) } ?? "")
            } catch is ScanService.Refusal {
                page.message = Strings.text("pickCheckpoint", lang)
            }
            return pages.render("checkpoint", page, request: request, context: context)
        }
    }

    private func checkpointPage(_ principal: Principal, request: Request, selected: String? = nil) async throws -> CheckpointPage {
        // The checkpoints within the operator's jurisdiction (the store filters).
        var checkpoints: [Place] = []
        if let root = principal.jurisdiction { checkpoints = try await store.places(kind: .checkpoint, within: root) }
        let places = checkpoints.map { CheckpointOption(id: $0.id, name: $0.name, selected: $0.id == selected) }
        let lang = Language.of(request)
        // The page's script shows offline verdicts in the page's language.
        let labels = ColourLabels(
            green: Strings.text("colour.green", lang), yellow: Strings.text("colour.yellow", lang), red: Strings.text("colour.red", lang))
        // The root key is pinned into the page: the script accepts only a trust list it signed.
        let root = try credentials.rootPublicKey()
        return CheckpointPage(places: places, labels: labels, reasons: Strings.credentialErrorsJSON(lang), rootKey: root)
    }

    struct ScanForm: Decodable {
        var text: String
        var place: String
    }

    /// The resident's codes: their own, then their dependants'.
    struct CodePage: PageModel {
        let codes: [CodeCard]
    }

    /// One person's current code: the colour, the QR image (SVG, rendered unescaped) and when it renews.
    struct CodeCard: Sendable {
        let person: String
        /// "我的健康码" or "代 张** 持有的健康码".
        let whose: String
        let name: String
        let colour: String
        let colourName: String
        let svg: String
        let until: String
    }

    /// A printable paper code: the colour, the QR image, the note saying until when it holds, and its id.
    struct PaperCodePage: PageModel {
        let name: String
        let colour: String
        let colourName: String
        let svg: String
        let note: String
        let codeID: String
    }

    /// The checkpoint operator's page: the checkpoints to choose from, the colour names for the
    /// offline script, and after a scan its verdict (or why the scan was refused, as `message`).
    struct CheckpointPage: PageModel {
        let places: [CheckpointOption]
        let labels: ColourLabels
        /// Why a code is refused, by error code, in the page's language, for verdicts the script gives.
        let reasons: String
        /// The trust list's root public key (base64 of the uncompressed point).
        let rootKey: String
        var verdict: ScanVerdict? = nil
        var message: String? = nil
    }

    /// A checkpoint in the operator's jurisdiction; `selected` for the one just scanned at.
    struct CheckpointOption: Sendable {
        let id: String
        let name: String
        let selected: Bool
    }

    /// The colour names in the page's language (`labels.green`, …), for verdicts the script gives offline.
    struct ColourLabels: Sendable {
        let green: String
        let yellow: String
        let red: String
    }

    /// A scan's verdict: `colour` is ours, `dcc` for a valid EU certificate, or `invalid`; `label` says
    /// it in words; `name` (masked) and `reason` are empty when there is none.
    struct ScanVerdict: Sendable {
        let valid: Bool
        let colour: String
        let label: String
        let name: String
        let reason: String
    }
}
