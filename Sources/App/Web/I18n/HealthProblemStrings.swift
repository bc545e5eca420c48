import Domain

/// Why an appeal, a manual colour or its decision was refused, in the reader's language, naming
/// the field and how to put it right.
extension AppealService.Problem {
    func message(_ lang: Language) -> String {
        let (zh, en): (String, String) =
            switch self {
            case .badFactKind(let kind): ("申诉事项：“\(kind)”不能申诉；请从列表中选择。", "Fact: \"\(kind)\" cannot be appealed; choose one from the list.")
            case .unknownFact: ("申诉事项：您的记录中没有这一项；请从列表中选择。", "Fact: there is no such record for you; choose one from the list.")
            case .reasonTooShort: ("申诉理由：请写明哪里不对（至少 5 个字）。", "Reason: say what is wrong (at least 5 characters).")
            case .decisionMissing: ("处理意见：请写明理由，居民会收到这段话。", "Decision: write the reason; the resident receives it.")
            case .alreadyDecided: ("该申诉已经处理过。", "This appeal was already decided.")
            }
        return lang == .zh ? zh : en
    }
}

extension OverridePolicy.Refusal {
    func message(_ lang: Language, maxDays: Int) -> String {
        let (zh, en): (String, String) =
            switch self {
            case .roleMayNotPropose(let role):
                ("您的角色（\(Strings.text("role.\(role.rawValue)", .zh))）不能提出调整。", "Your role (\(Strings.text("role.\(role.rawValue)", .en))) may not propose a colour change.")
            case .roleMayNotApprove(let role):
                ("您的角色（\(Strings.text("role.\(role.rawValue)", .zh))）不能审批调整。", "Your role (\(Strings.text("role.\(role.rawValue)", .en))) may not approve a colour change.")
            case .selfApproval: ("须由另一人审批：提出人不能批准自己的申请。", "A second person must decide: the proposer may not approve their own request.")
            case .missingLegalBasis: ("法律依据：请写明法律及条款（至少 4 个字）。", "Legal basis: name the law and article (at least 4 characters).")
            case .badExpiry:
                ("截止时间：须晚于现在，且不超过 \(maxDays) 天。", "Until: the end must lie in the future and at most \(maxDays) days ahead.")
            case .alreadyDecided: ("该申请已经处理过。", "This request was already decided.")
            case .outsideJurisdiction: ("此人不在您的辖区内。", "This person is outside your jurisdiction.")
            }
        return lang == .zh ? zh : en
    }
}
