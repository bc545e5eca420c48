import Domain

/// Why a notice or rebuttal cannot be published, in the reader's language, naming the field.
extension PostDraft.Problem {
    func message(_ lang: Language) -> String {
        let (zh, en): (String, String) =
            switch self {
            case .unknownKind: ("类型：请选择通告或辟谣。", "Kind: choose a notice or a rebuttal.")
            case .chineseTextMissing: ("标题 / 正文（中文）：中文标题和正文必须填写。", "Title / text (Chinese): both are required in Chinese.")
            case .verdictMissing: ("结论：辟谣须注明结论（谣言、误导或属实）。", "Verdict: a rebuttal needs its verdict (false, misleading or true).")
            }
        return lang == .zh ? zh : en
    }
}
