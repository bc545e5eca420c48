import Foundation

extension Dashboard {
    /// Everything the page shows, from what the store counted: the totals of the area and the same
    /// figures for each area directly below it. Pure, so every tile is tested against a made city.
    public static func assemble(
        _ figures: DashboardFigures, area: Area, children: [Area], window: DashboardWindow, dayOffsetMinutes: Int, autoConfirmPCR: Bool,
        curveDays: Int = 28
    ) -> Dashboard {
        let path = AreaPath(area.path)
        var board = Dashboard(area: .init(id: area.id, name: area.name, level: area.level.rawValue), day: window.day.description, generatedAt: window.now)
        var rows: [String: Child] = [:]
        for child in children { rows[child.id] = Child(id: child.id, name: child.name) }
        /// The row of the area directly below `area` that holds `path` (nil for the area itself).
        func child(_ below: String) -> String? { path.nextStep(towards: AreaPath(below)).flatMap { rows[$0] == nil ? nil : $0 } }

        for (at, count) in figures.population {
            board.residents += count
            if let id = child(at) { rows[id]?.residents += count }
        }

        // Cases: the report day is the first positive sample's; onset where the epidemiologist dated it.
        let today = window.day.daysSinceEpoch
        var byReport: [Int: Int] = [:]
        var byOnset: [Int: Int] = [:]
        for row in figures.cases {
            let derived = row.firstPositive.map {
                CaseFacts(person: row.person, status: autoConfirmPCR && row.anyPCR ? .confirmed : .suspected, firstPositiveSample: $0)
            }
            guard let facts = CaseFacts.resolve(derived, record: row.record) else { continue }
            let reported = CalendarDate(localDayOf: facts.firstPositiveSample, offsetMinutes: dayOffsetMinutes).daysSinceEpoch
            let onset = facts.onset.map { CalendarDate(localDayOf: $0, offsetMinutes: dayOffsetMinutes).daysSinceEpoch } ?? reported
            guard reported <= today else { continue }
            if facts.status == .confirmed { board.cases.confirmed += 1 } else { board.cases.suspected += 1 }
            byReport[reported, default: 0] += 1
            byOnset[onset, default: 0] += 1
            let id = child(row.areaPath)
            if reported == today {
                board.cases.newToday += 1
                if let id { rows[id]?.newCases += 1 }
            }
            if reported > today - 14 {
                board.cases.last14Days += 1
                if let id { rows[id]?.cases14Days += 1 }
            }
        }
        let first = max(today - curveDays + 1, min(byReport.keys.min() ?? today, byOnset.keys.min() ?? today, today - 13))
        board.curve = (first...today).map { d in CurveDay(day: CalendarDate(daysSinceEpoch: d).description, byOnset: byOnset[d] ?? 0, byReport: byReport[d] ?? 0) }

        for row in figures.colours {
            let id = child(row.areaPath)
            switch row.colour {
            case .red:
                board.colours.red += row.people
                if let id { rows[id]?.red += row.people }
            case .yellow:
                board.colours.yellow += row.people
                if let id { rows[id]?.yellow += row.people }
            case .green:
                continue
            }
            let cause = StatusCause(rule: row.cause)
            board.colours.byCause[cause.rawValue, default: 0] += row.people
            if row.colour == .red && cause == .closeContact {
                board.quarantine.today += row.people
                board.quarantine.dueForRelease += row.endingToday
            }
        }
        board.colours.green = max(0, board.residents - board.colours.red - board.colours.yellow)

        for row in figures.tasks {
            board.tasks.open += row.open
            board.tasks.overdue += row.overdue
            board.tasks.escalated += row.escalated
            if let id = child(row.gridPath) { rows[id]?.tasksOverdue += row.overdue }
        }

        let submitted = Dictionary(figures.reports.map { ($0.gridPath, $0) }, uniquingKeysWith: { a, _ in a })
        for grid in figures.gridPaths {
            board.reports.grids += 1
            let id = child(grid)
            if let id { rows[id]?.grids += 1 }
            guard let report = submitted[grid] else {
                board.reports.missing += 1
                if let id { rows[id]?.reportsMissing += 1 }
                continue
            }
            board.reports.submitted += 1
            if report.zero { board.reports.zero += 1 }
            if report.late { board.reports.late += 1 }
            board.reports.sums.add(report.figures)
        }

        let counted = Dictionary(figures.scans.map { (Int($0.hour.timeIntervalSince1970), $0) }, uniquingKeysWith: { a, b in
            .init(hour: a.hour, scans: a.scans + b.scans, refused: a.refused + b.refused)
        })
        let firstHour = Int(window.scansSince.timeIntervalSince1970)
        let lastHour = Int((window.now.timeIntervalSince1970 / 3_600).rounded(.down)) * 3_600
        board.scans.hours = stride(from: firstHour, through: lastHour, by: 3_600).map { hour in
            let row = counted[hour]
            return Scans.Hour(hour: Date(timeIntervalSince1970: Double(hour)), scans: row?.scans ?? 0, refused: row?.refused ?? 0)
        }
        board.scans.total = board.scans.hours.reduce(0) { $0 + $1.scans }
        board.scans.refused = board.scans.hours.reduce(0) { $0 + $1.refused }

        if let sent = figures.notifications {
            board.notifications = Notifications(sent: sent["sent"] ?? 0, failed: sent["failed"] ?? 0, pending: sent["pending"] ?? 0)
        }

        board.children = children.compactMap { rows[$0.id] }.map { row in
            var row = row
            if row.residents > 0 { row.perTenThousand = (Double(row.red + row.yellow) * 10_000 / Double(row.residents) * 10).rounded() / 10 }
            return row
        }
        return board
    }
}

extension ReportFigures {
    mutating func add(_ other: ReportFigures) {
        householdsScreened += other.householdsScreened
        arrivalsVerified += other.arrivalsVerified
        inQuarantine += other.inQuarantine
        feversFound += other.feversFound
        tasksDone += other.tasksDone
        tasksOverdue += other.tasksOverdue
    }
}
