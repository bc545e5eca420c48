import Domain
import Foundation

/// A status in plain words for a page: the colour, each reason as a sentence with its facts, the
/// end, and what is left to do, in the reader's language.
enum StatusView {
    static func values(_ s: HealthStatus, _ lang: Language) -> [String: Any] {
        [
            "colour": s.colour.rawValue, "colourName": Strings.text("colour.\(s.colour.rawValue)", lang),
            "until": s.until.map(Self.local) ?? "", "hasUntil": s.until != nil,
            "reasons": s.reasons.map { ["text": sentence($0, lang), "rule": $0.rule] }, "hasReasons": !s.reasons.isEmpty,
            "actions": s.actions.map { ["text": action($0, lang)] }, "hasActions": !s.actions.isEmpty,
            "profileVersion": s.profileVersion,
            "appealOptions": appealOptions(s, lang),
        ]
    }

    /// The facts a resident can contest, from the reasons of their colour, then "other".
    static func appealOptions(_ s: HealthStatus, _ lang: Language) -> [[String: String]] {
        var options: [[String: String]] = []
        for r in s.reasons {
            if let arrival = r.facts["arrival"] {
                options.append(["value": "arrival/\(arrival)", "label": sentence(r, lang)])
            } else if r.rule.hasPrefix("contact."), let caseID = r.facts["case"] {
                options.append(["value": "exposure/\(caseID)", "label": sentence(r, lang)])
            } else if r.rule == "symptoms" {
                options.append(["value": "symptoms", "label": sentence(r, lang)])
            }
        }
        options.append(["value": "other", "label": Strings.text("fact.other", lang)])
        return options
    }

    /// `contact.close` with its facts → "Close contact of a case at V-… on 2026-11-22 10:45 (case R…)."
    static func sentence(_ r: StatusReason, _ lang: Language) -> String {
        let f = r.facts
        let time = { (key: String) in f[key].flatMap(Timestamp.parse).map { local(Date(timeIntervalSince1970: Double($0))) } ?? "" }
        switch r.rule {
        case "case.confirmed", "case.suspected":
            return Strings.text("reason.\(r.rule)", lang, time("sampledAt"))
        case "arrival.high-risk":
            return Strings.text("reason.arrival", lang, f["from"] ?? "", time("arrivedAt"))
        case "symptoms":
            return Strings.text("reason.symptoms", lang, time("declaredAt"), f["temperature"].map { "\($0) °C" } ?? f["symptoms"] ?? "")
        case "override":
            return Strings.text("reason.override", lang, f["legalBasis"] ?? "")
        default:
            let category = f["category"] ?? String(r.rule.dropFirst("contact.".count))
            return Strings.text("reason.contact", lang, Strings.text("contact.\(category)", lang), f["place"] ?? "-", time("lastExposure"))
        }
    }

    static func action(_ a: RequiredAction, _ lang: Language) -> String {
        switch a {
        case .checkIns(let done, let needed): Strings.text("action.checkIns", lang, String(done), String(needed))
        case .negativeTest(let from): Strings.text("action.test", lang, local(from))
        }
    }

    /// Beijing time, the way people read it on their code.
    static func local(_ date: Date) -> String {
        let shifted = Int64(date.timeIntervalSince1970) + 8 * 3600
        let text = Timestamp.format(shifted)
        return String(text.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}
