import Credentials
import Domain
import Foundation
import Hummingbird
import QRImage

/// The resident's health code page (a fresh code every minute, for themselves and their dependants)
/// and the checkpoint operator's scan page (a large verdict; the scan is recorded as presence).
struct CredentialPagesController {
    let services: CordonServices
    let pages: PageRenderer

    func register(on router: RouterGroup<CordonRequestContext>) {
        router.get("code") { request, context in
            let principal = try context.requirePrincipal()
            guard case .resident(let me) = principal.subject else { throw HTTPError(.forbidden, message: "residents only") }
            let lang = Language.of(request)
            var codes: [[String: Any]] = []
            let directory = PersonDirectory(services: services)
            for person in [me] + principal.dependants {
                let resident = try await directory.resident(person, as: principal)
                let (text, credential) = try await CredentialService(services: services).issue(for: person)
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
            let principal = try context.requirePrincipal()
            let person = try context.parameters.require("person")
            guard Self.paperPrinters.contains(principal.role) else { throw HTTPError(.forbidden, message: principal.role.rawValue) }
            let resident = try await PersonDirectory(services: services).resident(person, as: principal)
            let lang = Language.of(request)
            let (text, credential) = try await CredentialService(services: services).issue(for: person, kind: .paper)
            try await services.store.appendAudit(services.event(principal.auditName, "credential.print", kind: "person", id: person, detail: Hex.encode(credential.id)))
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
            let principal = try context.requirePrincipal()
            guard principal.role == .checkpointOperator || principal.role == .commandCentre else { throw HTTPError(.forbidden, message: principal.role.rawValue) }
            return pages.render("checkpoint", try await checkpointValues(principal, request: request), request: request, context: context)
        }
        router.post("checkpoint") { request, context in
            let principal = try context.requirePrincipal()
            let form = try await request.decode(as: ScanForm.self, context: context)
            let lang = Language.of(request)
            var values = try await checkpointValues(principal, request: request, selected: form.place)
            do {
                let verdict = try await ScanService(services: services).scan(form.text, at: form.place, by: principal)
                values["verdict"] = [
                    "valid": verdict.valid, "colour": verdict.colour ?? "invalid",
                    "label": verdict.colour.map { Strings.text("colour.\($0)", lang) } ?? Strings.text("invalidCode", lang),
                    "name": verdict.maskedName ?? "", "reason": verdict.error?.description ?? "",
                ]
            } catch is ScanService.Refusal {
                values["message"] = Strings.text("pickCheckpoint", lang)
            }
            return pages.render("checkpoint", values, request: request, context: context)
        }
    }

    private func checkpointValues(_ principal: Principal, request: Request, selected: String? = nil) async throws -> [String: Any] {
        // The checkpoints within the operator's jurisdiction.
        let kinds = try await services.store.placeKinds()
        var places: [[String: Any]] = []
        for (id, kind) in kinds.sorted(by: { $0.key < $1.key }) where kind == .checkpoint {
            guard let place = try await services.store.place(id: id) else { continue }
            if let root = principal.jurisdictionPath, let area = place.areaID, let path = try await services.store.area(id: area)?.path, !path.hasPrefix(root) {
                continue
            }
            places.append(["id": id, "name": place.name, "selected": id == selected])
        }
        let lang = Language.of(request)
        // The page's script shows offline verdicts in the page's language.
        let labels = Dictionary(uniqueKeysWithValues: ["green", "yellow", "red"].map { ($0, Strings.text("colour.\($0)", lang)) })
        return ["places": places, "labels": labels]
    }

    static let paperPrinters: Set<Role> = [
        .resident, .proxy, .gridWorker, .communityOfficer, .streetOfficer, .districtOfficer, .commandCentre, .admin,
    ]

    struct ScanForm: Decodable {
        var text: String
        var place: String
    }
}
