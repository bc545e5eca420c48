import Foundation

/// The texts of the notifications, in Chinese and English, with `{name}` variables. A alert is sent
/// in one language (the city's, `zh` by default); both are kept so an operator can switch.
public enum AlertTemplate {
    public static let texts: [AlertKind: (zh: String, en: String)] = [
        .arrivalHighRisk: (
            "【防控提醒】您于{date}从{region}抵达，请即刻居家，社区将上门核查，并按要求每日打卡。",
            "[Epidemic control] You arrived from {region} on {date}. Please stay at home: your community will visit, and check in daily."
        ),
        .closeContact: (
            "【防控通知】您被判定为{category}接触者（最近接触 {date}），请立即居家隔离，等待社区联系。",
            "[Epidemic control] You are a {category} contact (last exposure {date}). Please quarantine at home now; your community will contact you."
        ),
        .colourChanged: (
            "【健康码】您的健康码已变为{colour}。原因与要求请登录查看。",
            "[Health code] Your health code is now {colour}. Sign in to see why and what to do."
        ),
        .quarantineReminder: (
            "【隔离提醒】今天（{date}）请测量体温并打卡，隔离期至{until}。",
            "[Quarantine] Today ({date}) please take your temperature and check in. Your quarantine lasts until {until}."
        ),
        .areaBulletin: ("【{area}通知】{text}", "[{area} notice] {text}"),
        // Sent in both languages: who asks for a code, or appealed, may read either.
        .signInCode: ("【Cordon】您的登录验证码 Your sign-in code: {code}（5分钟内有效 valid 5 min）", "【Cordon】您的登录验证码 Your sign-in code: {code}（5分钟内有效 valid 5 min）"),
        .appealAnswer: (
            "【Cordon】您的申诉 {id} {verdictZh}：{decision}。Your appeal was {verdict}: {decision}",
            "【Cordon】您的申诉 {id} {verdictZh}：{decision}。Your appeal was {verdict}: {decision}"
        ),
        .manualColour: (
            "【Cordon】您的健康码经人工调整为{colourZh}，依据：{basis}，至{until}。如有异议可申诉。Your health code was set to {colour} by hand under {basis} until {until}; you may appeal.",
            "【Cordon】您的健康码经人工调整为{colourZh}，依据：{basis}，至{until}。如有异议可申诉。Your health code was set to {colour} by hand under {basis} until {until}; you may appeal."
        ),
        .feedLate: (
            "【Cordon 数据源延迟】{source}（{kind}）自 {last} 起没有新数据，预期每 {expected} 分钟送达，请核查。",
            "[Cordon feed late] {source} ({kind}) has delivered nothing since {last}; expected every {expected} minutes. Please check it."
        ),
        .enterpriseApproved: (
            "【Cordon 复工复产】{enterprise} 的企业登记已通过。企业账号登录名 {username}，初始密码请向审批的区防控办领取，首次登录须修改。",
            "[Cordon back to work] {enterprise} is approved. Its account is {username}; collect the one-time password from the district office that approved it (changed at the first sign-in)."
        ),
        .enterpriseRefused: (
            "【Cordon 复工复产】{enterprise} 的企业登记未通过，原因：{reason}。可修改后重新登记。",
            "[Cordon back to work] The registration of {enterprise} was refused: {reason}. You may register again with the changes."
        ),
        .workDecision: (
            "【Cordon 复工复产】{enterprise} 的复工申请：{decisionZh}。{reason}",
            "[Cordon back to work] The application of {enterprise} to return to work: {decision}. {reason}"
        ),
        .employmentProposed: (
            "【Cordon】{enterprise} 申请将您登记为本企业员工（对方只能看到您的码色和能否上岗）。请登录 Cordon 首页同意或拒绝。",
            "[Cordon] {enterprise} asks to list you as an employee (it would see only your code colour and whether you may work). Sign in to Cordon to agree or decline."
        ),
    ]

    /// Put before a message to a proxy, naming whom it is about.
    public static let onBehalf = (zh: "（代{name}接收）", en: "(For {name}, whose codes you hold) ")

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case unknownKind(String)
        case missingVariable(kind: String, name: String)

        public var description: String {
            switch self {
            case .unknownKind(let k): "no alert template \(k) (known: \(AlertTemplate.texts.keys.map(\.rawValue).sorted().joined(separator: ", ")))"
            case .missingVariable(let k, let n): "alert \(k) needs the variable {\(n)}"
            }
        }
    }

    /// The text of `kind` with its variables filled in; every `{name}` must be given.
    public static func render(_ kind: AlertKind, language: String, _ variables: [String: String]) throws(Problem) -> String {
        guard let pair = texts[kind] else { throw .unknownKind(kind.rawValue) }
        return try fill(language.hasPrefix("en") ? pair.en : pair.zh, kind: kind.rawValue, variables)
    }

    /// The line before a message to a proxy.
    public static func renderOnBehalf(language: String, name: String) throws(Problem) -> String {
        try fill(language.hasPrefix("en") ? onBehalf.en : onBehalf.zh, kind: "on-behalf", ["name": name])
    }

    /// Fills the template in one pass: a value is never read as a template, so a text a person typed
    /// (a decision, a bulletin) may hold braces.
    static func fill(_ template: String, kind: String, _ variables: [String: String]) throws(Problem) -> String {
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            guard let value = variables[name] else { throw .missingVariable(kind: kind, name: name) }
            out += value
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}
