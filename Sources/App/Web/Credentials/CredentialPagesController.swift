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
            var codes: [[String: Any]] = []
            for person in [me] + principal.dependants {
                let resident = try await directory.resident(person, as: principal)
                let (text, credential) = try await credentials.issue(for: person)
                codes.append([
                    "person": person, "name": Masking.name(resident.name), "colour": credential.colour, "colourName": Strings.text("colour.\(credential.colour)", lang),
                    "svg": try QRMatrix.encode(text).svg(size: 280, label: Strings.text("healthCode", lang)), "until": StatusView.local(credential.expiresAt),
                ])
            }
            return pages.render("code", ["codes": codes], request: request, context: context)
        }
        // A printable code for someone without a phone, printed by themselves, their proxy or the
        // staff of their area (the read of the person is checked and audited by the directory).
        router.get("code/paper/:person") { request, context in
            let principal = try context.requirePrincipal()  // the directory checks role and area, and audits a refusal
            let person = try context.parameters.require("person")
            let resident = try await directory.resident(person, as: principal, for: .printPaperCodes)
            let lang = Language.of(request)
            let (text, credential) = try await credentials.issue(for: person, kind: .paper)
            try await store.appendAudit(clock.event(principal.auditName, .credentialPrint, kind: "person", id: person, detail: Hex.encode(credential.id)))
            let until = StatusView.local(credential.expiresAt)
            return pages.render(
                "paper-code",
                [
                    "name": Masking.name(resident.name), "colour": credential.colour, "colourName": Strings.text("colour.\(credential.colour)", lang),
                    "svg": try QRMatrix.encode(text).svg(size: 360, label: Strings.text("paperCodeTitle", lang)),
                    "note": Strings.text("paperCodeNote", lang, until), "codeID": Hex.encode(credential.id),
                ], request: request, context: context)
        }
        router.get("checkpoint") { request, context in
            let principal = try context.requirePrincipal(may: .scan)
            return pages.render("checkpoint", try await checkpointValues(principal, request: request), request: request, context: context)
        }
        router.post("checkpoint") { request, context in
            let principal = try context.requirePrincipal(may: .scan)
            let form = try await request.decode(as: ScanForm.self, context: context)
            let lang = Language.of(request)
            var values = try await checkpointValues(principal, request: request, selected: form.place)
            do {
                let verdict = try await scans.scan(form.text, at: form.place, by: principal)
                let dcc = verdict.valid && !verdict.travelEvidence.isEmpty
                values["verdict"] = [
                    "valid": verdict.valid, "colour": verdict.colour ?? (dcc ? "dcc" : "invalid"),
                    "label": verdict.colour.map { Strings.text("colour.\($0)", lang) }
                        ?? (dcc ? Strings.text("dccValid", lang, verdict.travelEvidence.map { Strings.text("dcc.\($0)", lang) }.joined(separator: ", ")) : Strings.text("invalidCode", lang)),
                    "name": verdict.maskedName ?? "", "reason": verdict.error?.description ?? "",
                ]
            } catch is ScanService.Refusal {
                values["message"] = Strings.text("pickCheckpoint", lang)
            }
            return pages.render("checkpoint", values, request: request, context: context)
        }
    }

    private func checkpointValues(_ principal: Principal, request: Request, selected: String? = nil) async throws -> [String: Any] {
        // The checkpoints within the operator's jurisdiction (the store filters).
        var checkpoints: [Place] = []
        if let root = principal.jurisdiction { checkpoints = try await store.places(kind: .checkpoint, within: root) }
        let places: [[String: Any]] = checkpoints.map { ["id": $0.id, "name": $0.name, "selected": $0.id == selected] }
        let lang = Language.of(request)
        // The page's script shows offline verdicts in the page's language.
        let labels = Dictionary(uniqueKeysWithValues: ["green", "yellow", "red"].map { ($0, Strings.text("colour.\($0)", lang)) })
        return ["places": places, "labels": labels]
    }

    struct ScanForm: Decodable {
        var text: String
        var place: String
    }
}
