import Domain
import Foundation

/// A status in plain words for a page: the colour, each reason as a sentence with its facts, the
/// end, and what is left to do, in the reader's language. Times are read on the city's clock.
enum StatusView {
    /// `places` names the places the reasons mention (a venue's id is no place to a resident).
    static func values(_ s: HealthStatus, _ lang: Language, localTime: LocalTime, places: [String: String] = [:]) -> StatusCard {
        StatusCard(
            colour: s.colour.rawValue, colourName: Strings.text("colour.\(s.colour.rawValue)", lang),
            until: s.until.map(localTime.display) ?? "", hasUntil: s.until != nil,
            reasons: s.reasons.map { StatusCard.Reason(text: sentence($0, lang, localTime: localTime, places: places), rule: $0.rule) }, hasReasons: !s.reasons.isEmpty,
            actions: s.actions.map { StatusCard.Action(text: action($0, lang, localTime: localTime)) }, hasActions: !s.actions.isEmpty,
            profileVersion: s.profileVersion,
            appealOptions: appealOptions(s, lang, localTime: localTime, places: places))
    }

    /// The facts a resident can contest, from the reasons of their colour, then "other".
    static func appealOptions(_ s: HealthStatus, _ lang: Language, localTime: LocalTime, places: [String: String]) -> [StatusCard.AppealOption] {
        var options: [StatusCard.AppealOption] = []
        for r in s.reasons {
            if let arrival = r.facts["arrival"] {
                options.append(.init(value: "arrival/\(arrival)", label: sentence(r, lang, localTime: localTime, places: places)))
            } else if r.rule.hasPrefix("contact."), let caseID = r.facts["case"] {
                options.append(.init(value: "exposure/\(caseID)", label: sentence(r, lang, localTime: localTime, places: places)))
            } else if r.rule == "symptoms" {
                options.append(.init(value: "symptoms", label: sentence(r, lang, localTime: localTime, places: places)))
            }
        }
        options.append(.init(value: "other", label: Strings.text("fact.other", lang)))
        return options
    }

    /// `contact.close` with its facts → "Close contact: you were with a case at 「…超市」, last on 2026-11-22 10:45."
    static func sentence(_ r: StatusReason, _ lang: Language, localTime: LocalTime, places: [String: String] = [:]) -> String {
        let f = r.facts
        let time = { (key: String) in f[key].flatMap(Timestamp.parse).map { localTime.display(Date(timeIntervalSince1970: Double($0))) } ?? "" }
        switch r.rule {
        case "case.confirmed", "case.suspected":
            return Strings.text("reason.\(r.rule)", lang, time("sampledAt"))
        case "arrival.high-risk":
            return Strings.text("reason.arrival", lang, f["from"].map { RegionNames.name($0, lang) } ?? "", time("arrivedAt"))
        case "symptoms":
            return Strings.text("reason.symptoms", lang, time("declaredAt"), f["temperature"].map { "\($0) °C" } ?? f["symptoms"] ?? "")
        case "override":
            return Strings.text("reason.override", lang, f["legalBasis"] ?? "")
        default:
            let category = f["category"] ?? String(r.rule.dropFirst("contact.".count))
            return Strings.text("reason.contact", lang, Strings.text("contact.\(category)", lang), f["place"].map { places[$0] ?? Strings.text("aPlace", lang) } ?? Strings.text("aPlace", lang), time("lastExposure"))
        }
    }

    static func action(_ a: RequiredAction, _ lang: Language, localTime: LocalTime) -> String {
        switch a {
        case .checkIns(let done, let needed): Strings.text("action.checkIns", lang, String(done), String(needed))
        case .negativeTest(let from): Strings.text("action.test", lang, localTime.display(from))
        }
    }
}

/// A person's status as `status-card` reads it (under `status`): the colour and its name, the end
/// (`until` is empty and `hasUntil` false when the colour has none), the reasons as sentences, what
/// is left to do, and the facts an appeal may contest. No `id`: the card reads the person's.
struct StatusCard: Sendable {
    let colour: String
    let colourName: String
    let until: String
    let hasUntil: Bool
    let reasons: [Reason]
    let hasReasons: Bool
    let actions: [Action]
    let hasActions: Bool
    let profileVersion: Int
    var appealOptions: [AppealOption]

    /// One reason for the colour, as a sentence, and the rule that produced it.
    struct Reason: Sendable {
        let text: String
        let rule: String
    }

    /// Something left to do, as a sentence.
    struct Action: Sendable {
        let text: String
    }

    /// A fact the resident can contest (`arrival/…`, `exposure/…`, `symptoms`, `other`) and how it reads.
    struct AppealOption: Sendable {
        var value: String
        let label: String
        /// Chosen when a refused appeal comes back.
        var selected = false
    }
}
