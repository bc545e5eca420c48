import Hummingbird

/// The page language: a `lang` cookie set by the switch wins, then `Accept-Language`, then Chinese.
enum Language: String, Sendable, CaseIterable {
    case zh, en

    static func of(_ request: Request) -> Language {
        if let cookie = request.cookies["lang"]?.value, let lang = Language(rawValue: cookie) { return lang }
        let accept = request.headers[.acceptLanguage]?.lowercased() ?? ""
        for part in accept.split(separator: ",") {
            let tag = part.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if tag.hasPrefix("zh") { return .zh }
            if tag.hasPrefix("en") { return .en }
        }
        return .zh
    }

    var htmlTag: String { self == .zh ? "zh-CN" : "en" }
    var other: Language { self == .zh ? .en : .zh }
    var otherLabel: String { self == .zh ? "English" : "中文" }
}
