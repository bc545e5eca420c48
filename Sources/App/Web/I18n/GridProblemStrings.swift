import Domain

/// What a grid form got wrong, in the reader's language, naming the field or the record.
extension GridProblem {
    func message(_ lang: Language) -> String {
        let (zh, en) = texts
        return lang == .zh ? zh : en
    }
}

extension GridTaskService.TaskError {
    public var texts: (String, String) {
        switch self {
        case .reasonRequired: ("原因：任务未完成时请写明原因。", "Reason: say why the task could not be done.")
        case .notAGrid(let id): ("网格：\(id) 不是网格，请填写网格编号。", "Grid: \(id) is not a grid; give a grid's code.")
        case .closed(let id): ("任务 \(id) 已经结束，不能再更改。", "Task \(id) is already closed and cannot be changed.")
        case .changedMeanwhile(let id): ("任务 \(id) 刚被他人更改，请刷新后再操作。", "Task \(id) was changed by someone else meanwhile: reload and try again.")
        }
    }
}

extension HouseholdVisitService.VisitError {
    public var texts: (String, String) {
        switch self {
        case .notAMember(let p): ("\(p) 不住在这一户。", "\(p) does not live in this household.")
        case .temperature(let p, let t): ("\(p) 的体温：\(t) °C 不是人的体温（34–43 °C），请重新测量。", "Temperature of \(p): \(t) °C is not a body temperature (34–43 °C); measure again.")
        }
    }
}

extension DailyReportService.ReportError {
    public var texts: (String, String) {
        switch self {
        case .notAGrid(let id): ("网格：\(id) 不是网格。", "Grid: \(id) is not a grid.")
        case .zeroWithFigures: ("零报告的各项数字都应为 0；有数字请提交日报。", "A zero report has every figure at 0; submit a daily report instead.")
        case .futureDay(let day): ("日期：\(day) 还没到；只能报今天或以前。", "Day: \(day) has not come yet; a report is for today or a day before.")
        case .badDay(let text): ("日期：“\(text)”不是日期（年-月-日）。", "Day: \"\(text)\" is not a date (YYYY-MM-DD).")
        }
    }
}

extension RosterService.RosterError {
    public var texts: (String, String) {
        switch self {
        case .notACheckpoint(let id): ("卡口：\(id) 不是卡口。", "Checkpoint: \(id) is not a checkpoint.")
        case .endsBeforeStart: ("结束时间早于开始时间。", "The shift ends before it starts.")
        case .tooLong: ("一个班次最长 24 小时。", "A shift lasts at most 24 hours.")
        case .nobody: ("人员：请至少填写一名值班人员。", "Staff: name at least one person on the shift.")
        }
    }
}

extension AssignmentService.AssignmentError {
    public var texts: (String, String) {
        switch self {
        case .wrongLevel(let role, let level):
            ("\(Strings.text("role.\(role.rawValue)", .zh))不能分配到\(Strings.text("level.\(level.rawValue)", .zh))一级。",
             "A \(Strings.text("role.\(role.rawValue)", .en)) is not assigned to a \(Strings.text("level.\(level.rawValue)", .en).lowercased()).")
        }
    }
}
