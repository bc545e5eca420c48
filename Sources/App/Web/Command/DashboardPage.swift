import Domain
import Foundation

/// The dashboard as the page shows it before any script runs: every figure in words and numbers
/// (a phone without JavaScript still reads them), and the document itself for the charts and map.
struct DashboardPage: PageModel {
    /// A figure on a tile; `key` is its path in the JSON document, which the page's script follows.
    struct Figure: Sendable {
        let label: String
        let value: String
        let key: String
        let tone: String
    }

    struct Tile: Sendable {
        let title: String
        let figures: [Figure]
    }

    struct ChildRow: Sendable {
        let id: String
        let name: String
        let residents: Int
        let red: Int
        let yellow: Int
        let perTenThousand: String
        let newCases: Int
        let cases14Days: Int
        let tasksOverdue: Int
        let reportsMissing: Int
    }

    struct RiskRow: Sendable {
        let name: String
        let level: String
        let cases: Int
    }

    let areaID: String
    let areaName: String
    let levelName: String
    let generated: String
    let tiles: [Tile]
    let causes: [Figure]
    let children: [ChildRow]
    let hasChildren: Bool
    let riskAreas: [RiskRow]
    let hasRiskAreas: Bool
    let lateFeeds: String
    let hasLateFeeds: Bool
    let rt: RtSummary?
    /// The document, the projection and the words the script needs, as JSON (names escaped by the encoder).
    let json: String
    let refreshSeconds: Int
    let refreshText: String
    /// Supplies held by each level below and at this area (goods shipped down from the ledger).
    var supplies: [SupplyHeld] = []
    var hasSupplies = false

    struct SupplyHeld: Sendable {
        let level: String
        let area: String
        let item: String
        let onHand: Int
        let inTransit: Int
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    init(_ b: Dashboard, lang: Language, projection: [ReproductionNumberService.Document.Estimate], rt: RtSummary?, time: (Date) -> String) throws {
        func t(_ key: String) -> String { Strings.text(key, lang) }
        func figure(_ label: String, _ value: Int, _ key: String, tone: String = "") -> Figure { Figure(label: t(label), value: "\(value)", key: key, tone: tone) }
        areaID = b.area.id
        areaName = b.area.name
        levelName = t("level.\(b.area.level)")
        generated = time(b.generatedAt)
        var tiles = [
            Tile(title: t("dash.cases"), figures: [
                figure("dash.newToday", b.cases.newToday, "cases.newToday", tone: b.cases.newToday > 0 ? "red" : ""),
                figure("dash.last14Days", b.cases.last14Days, "cases.last14Days"),
                figure("dash.confirmed", b.cases.confirmed, "cases.confirmed"),
                figure("dash.suspected", b.cases.suspected, "cases.suspected"),
            ]),
            Tile(title: t("dash.colours"), figures: [
                figure("colour.red", b.colours.red, "colours.red", tone: "red"),
                figure("colour.yellow", b.colours.yellow, "colours.yellow", tone: "yellow"),
                figure("colour.green", b.colours.green, "colours.green", tone: "green"),
                figure("residents", b.residents, "residents"),
            ]),
            Tile(title: t("dash.quarantine"), figures: [
                figure("dash.inQuarantine", b.quarantine.today, "quarantine.today"),
                figure("dash.dueForRelease", b.quarantine.dueForRelease, "quarantine.dueForRelease"),
            ]),
            Tile(title: t("dash.tasks"), figures: [
                figure("dash.open", b.tasks.open, "tasks.open"),
                figure("dash.overdue", b.tasks.overdue, "tasks.overdue", tone: b.tasks.overdue > 0 ? "red" : ""),
                figure("dash.escalated", b.tasks.escalated, "tasks.escalated"),
            ]),
            Tile(title: t("dash.reports"), figures: [
                Figure(label: t("dash.submitted"), value: "\(b.reports.submitted) / \(b.reports.grids)", key: "", tone: ""),
                figure("dash.zeroReports", b.reports.zero, "reports.zero"),
                figure("dash.lateReports", b.reports.late, "reports.late"),
                figure("dash.missing", b.reports.missing, "reports.missing", tone: b.reports.missing > 0 ? "yellow" : ""),
            ]),
            Tile(title: t("dash.reportSums"), figures: [
                figure("fig.householdsScreened", b.reports.sums.householdsScreened, "reports.sums.householdsScreened"),
                figure("fig.arrivalsVerified", b.reports.sums.arrivalsVerified, "reports.sums.arrivalsVerified"),
                figure("fig.inQuarantine", b.reports.sums.inQuarantine, "reports.sums.inQuarantine"),
                figure("fig.feversFound", b.reports.sums.feversFound, "reports.sums.feversFound"),
            ]),
            Tile(title: t("dash.scans"), figures: [
                figure("dash.scans24h", b.scans.total, "scans.total"),
                figure("dash.refused", b.scans.refused, "scans.refused"),
            ]),
        ]
        if let n = b.notifications {
            tiles.append(Tile(title: t("dash.notifications"), figures: [
                figure("dash.sent", n.sent, "notifications.sent"),
                figure("dash.failed", n.failed, "notifications.failed", tone: n.failed > 0 ? "red" : ""),
                figure("dash.pending", n.pending, "notifications.pending"),
            ]))
        }
        self.tiles = tiles
        causes = StatusCause.allCases.compactMap { cause in
            let n = b.colours.byCause[cause.rawValue] ?? 0
            return n == 0 && cause == .other ? nil : figure("cause.\(cause.rawValue)", n, "colours.byCause.\(cause.rawValue)")
        }
        children = b.children.map {
            ChildRow(
                id: $0.id, name: $0.name, residents: $0.residents, red: $0.red, yellow: $0.yellow,
                perTenThousand: $0.perTenThousand.map { String(format: "%.1f", $0) } ?? "–", newCases: $0.newCases, cases14Days: $0.cases14Days,
                tasksOverdue: $0.tasksOverdue, reportsMissing: $0.reportsMissing)
        }
        hasChildren = !children.isEmpty
        riskAreas = b.riskAreas.map { RiskRow(name: $0.name, level: Strings.text("risk.\($0.level)", lang), cases: $0.cases) }
        hasRiskAreas = !riskAreas.isEmpty
        lateFeeds = (b.lateFeeds ?? []).joined(separator: ", ")
        hasLateFeeds = !(b.lateFeeds ?? []).isEmpty
        self.rt = rt
        refreshSeconds = DashboardPagesController.refreshSeconds
        refreshText = Strings.text("dash_refresh", lang, "\(refreshSeconds)")
        let payload = Payload(board: b, projection: projection.map { .init(day: $0.day, mean: $0.mean) }, words: Payload.Words(lang))
        json = String(decoding: try Self.encoder.encode(payload), as: UTF8.self)
    }

    /// What the script reads from the page: the document, the projection and the chart labels.
    struct Payload: Encodable {
        struct Day: Encodable {
            let day: String
            let mean: Double
        }

        struct Words: Encodable {
            let byOnset, byReport, projected, red, yellow, scans, refused, perTenThousand: String

            init(_ lang: Language) {
                byOnset = Strings.text("dash.byOnset", lang)
                byReport = Strings.text("dash.byReport", lang)
                projected = Strings.text("dash.projected", lang)
                red = Strings.text("colour.red", lang)
                yellow = Strings.text("colour.yellow", lang)
                scans = Strings.text("dash.scans", lang)
                refused = Strings.text("dash.refused", lang)
                perTenThousand = Strings.text("dash.perTenThousand", lang)
            }
        }

        let board: Dashboard
        let projection: [Day]
        let words: Words
    }
}
