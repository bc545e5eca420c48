extension Strings {
    /// The daily arrivals list (来杭人员每日名单).
    static let arrivalTable: [String: (zh: String, en: String)] = [
        "arrivals_title": ("来返人员名单", "Arrivals"),
        "arrivals_intro": (
            "当天抵达本辖区的人员，按来源地统计；每人显示健康码、网格核查和自主申报是否与数据相符。查看名单会记入审计日志。",
            "Who arrived in your area on the day, by origin region, each with their code's colour, the grid's verification and whether their declaration matches the feeds. Opening the list is recorded in the audit log."
        ),
        "arrivals_day": ("日期", "Day"),
        "arrivals_previousDay": ("前一天", "Day before"),
        "arrivals_nextDay": ("后一天", "Day after"),
        "arrivals_badDay": ("日期“{0}”无法识别，请按 年-月-日 填写（如 2026-12-01）；下面是今天的名单。", "Day: “{0}” is not a date; write it as year-month-day (2026-12-01). Today's list is shown."),
        "arrivals_allRegions": ("全部来源地", "All regions"),
        "arrivals_from": ("来源地", "From"),
        "arrivals_arrived": ("抵达时间", "Arrived"),
        "arrivals_trip": ("交通方式 / 车次航班", "Transport"),
        "arrivals_colour": ("健康码", "Code"),
        "arrivals_grid": ("网格核查", "Grid check"),
        "arrivals_declared": ("自主申报", "Declaration"),
        "arrivals_none": ("这一天本辖区没有来返人员记录。", "No arrivals recorded in this area on that day."),
        "arrivals_csv": ("导出 CSV", "Export CSV"),
        "arrivals_noColour": ("尚未赋码", "not computed yet"),
        "arrivals_noTask": ("无需核查", "no check needed"),
        "arrivals_verification_open": ("待核查", "to do"),
        "arrivals_verification_in-progress": ("核查中", "in progress"),
        "arrivals_verification_done": ("已核查", "done"),
        "arrivals_verification_failed": ("未能核查", "could not be checked"),
        "arrivals_declaration_none": ("未申报", "none"),
        "arrivals_declaration_matched": ("与数据相符", "matches the feeds"),
        "arrivals_declaration_contradicted": ("与数据不符", "contradicted by the feeds"),
    ]
}
