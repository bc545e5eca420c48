import Foundation

/// The texts of the notifications, in Chinese and English, with `{name}` variables. A notice is sent
/// in one language (the city's, `zh` by default); both are kept so an operator can switch.
public enum NoticeTemplate {
    public static let texts: [String: (zh: String, en: String)] = [
        "arrival-high-risk": (
            "【防控提醒】您于{date}从{region}抵达，请即刻居家，社区将上门核查，并按要求每日打卡。",
            "[Epidemic control] You arrived from {region} on {date}. Please stay at home: your community will visit, and check in daily."
        ),
        "close-contact": (
            "【防控通知】您被判定为{category}接触者（最近接触 {date}），请立即居家隔离，等待社区联系。",
            "[Epidemic control] You are a {category} contact (last exposure {date}). Please quarantine at home now; your community will contact you."
        ),
        "colour-changed": (
            "【健康码】您的健康码已变为{colour}。原因与要求请登录查看。",
            "[Health code] Your health code is now {colour}. Sign in to see why and what to do."
        ),
        "quarantine-reminder": (
            "【隔离提醒】今天（{date}）请测量体温并打卡，隔离期至{until}。",
            "[Quarantine] Today ({date}) please take your temperature and check in. Your quarantine lasts until {until}."
        ),
        "bulletin": ("【{area}通知】{text}", "[{area} notice] {text}"),
        "on-behalf": ("（代{name}接收）", "(For {name}, whose codes you hold) "),
    ]

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case unknownKind(String)
        case missingVariable(kind: String, name: String)

        public var description: String {
            switch self {
            case .unknownKind(let k): "no notice template \(k) (known: \(NoticeTemplate.texts.keys.sorted().joined(separator: ", ")))"
            case .missingVariable(let k, let n): "notice \(k) needs the variable {\(n)}"
            }
        }
    }

    /// The text of `kind` with its variables filled in; every `{name}` must be given.
    public static func render(_ kind: String, language: String, _ variables: [String: String]) throws(Problem) -> String {
        guard let pair = texts[kind] else { throw .unknownKind(kind) }
        var text = language.hasPrefix("en") ? pair.en : pair.zh
        for (name, value) in variables { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        if let open = text.range(of: "{"), let close = text.range(of: "}", range: open.upperBound..<text.endIndex) {
            throw .missingVariable(kind: kind, name: String(text[open.upperBound..<close.lowerBound]))
        }
        return text
    }
}
