import Foundation
import Hummingbird

/// A resident's form on the home page (appeal, check-in, declaration) that was refused goes back
/// there with what was typed and why, next to the form itself: someone on a phone in a queue must
/// not type an appeal twice. Only the person's own card shows it.
struct TypedHomeForm: Sendable {
    enum Kind: String, Sendable { case appeal, checkin, declare }
    static let typedFields = ["fact", "reason", "temperature", "region", "travelDate", "contact", "contactDate"]

    let kind: Kind
    let person: String
    let problem: String
    let values: [String: String]
    let symptoms: Set<String>

    /// Where the refused form sends the reader: the home page, the form open at the person's card.
    static func location(_ kind: Kind, person: String, problem: String, values: [String: String?], symptoms: [String] = []) -> String {
        var items = [URLQueryItem(name: "form", value: kind.rawValue), URLQueryItem(name: "for", value: person), URLQueryItem(name: "problem", value: problem)]
        for name in typedFields { if let value = values[name] ?? nil, !value.isEmpty { items.append(URLQueryItem(name: name, value: value)) } }
        items += symptoms.map { URLQueryItem(name: "symptoms", value: $0) }
        return SitePath.link("/", items, fragment: "\(kind.rawValue)-\(person)")
    }

    init?(_ query: Parameters) {
        guard let kind = query.get("form").flatMap(Kind.init(rawValue:)), let person = query.get("for"), let problem = query.get("problem") else { return nil }
        self.kind = kind
        self.person = person
        self.problem = String(problem.prefix(300))
        var values: [String: String] = [:]
        for name in Self.typedFields { values[name] = query.get(name).map { String($0.prefix(1_000)) } }
        self.values = values
        self.symptoms = Set(query.getAll("symptoms").map { String($0) })
    }

    /// What the status card template reads.
    var view: View {
        View(
            problem: problem, appealOpen: kind == .appeal, checkinRefused: kind == .checkin, declareOpen: kind == .declare,
            reason: values["reason"] ?? "", temperature: values["temperature"] ?? "", region: values["region"] ?? "",
            travelDate: values["travelDate"] ?? "", contact: values["contact"] ?? "", contactDate: values["contactDate"] ?? "",
            fever: symptoms.contains("fever"), cough: symptoms.contains("cough"), fatigue: symptoms.contains("fatigue"),
            soreThroat: symptoms.contains("sore-throat"))
    }

    struct View: Sendable {
        let problem: String
        let appealOpen: Bool
        let checkinRefused: Bool
        let declareOpen: Bool
        let reason: String
        let temperature: String
        let region: String
        let travelDate: String
        let contact: String
        let contactDate: String
        let fever: Bool
        let cough: Bool
        let fatigue: Bool
        let soreThroat: Bool
    }
}
