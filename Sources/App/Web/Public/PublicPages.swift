import Domain
import Foundation

// What the public pages show (templates `public-*.mustache`), typed: each stored property is a
// name the template reads.

/// `public-bulletin`: the day's figures, with one row per district.
struct PublicBulletinPage: PageModel {
    let day: String
    let new: Int
    let total: Int
    let districts: [BulletinDistrictRow]
    /// The curve up to the day, as JSON for the chart (numbers and dates only, made here).
    let curveJSON: String
    /// Earlier days with new cases, newest first: the archive.
    let archive: [ArchiveDay]
    let hasArchive: Bool
    /// An archived day, not today's bulletin.
    let archived: Bool
    /// Today's reproduction number and projection; nil on an archived day or too few cases yet.
    var rt: RtSummary? = nil

    init(_ b: BulletinService.Bulletin, english: Bool, archived: Bool) {
        day = b.day
        new = b.new
        total = b.total
        districts = b.districts.map { BulletinDistrictRow(name: english ? $0.nameEn ?? $0.name : $0.name, new: $0.new, total: $0.total) }
        let points = b.curve.map { #"{"day":"\#($0.day)","new":\#($0.new)}"# }
        curveJSON = "[" + points.joined(separator: ",") + "]"
        archive = b.curve.dropLast().filter { $0.new > 0 }.reversed().prefix(60).map { ArchiveDay(day: $0.day, new: $0.new) }
        hasArchive = !archive.isEmpty
        self.archived = archived
    }
}

/// The latest R_t with its 95 % interval, the series for the chart, the projection and its
/// assumptions in the reader's language.
struct RtSummary: Sendable {
    let day: String
    let mean: String
    let lower: String
    let upper: String
    /// The estimates as JSON for the chart (numbers and dates only, made here).
    let json: String
    let projection: [ProjectionRow]
    let hasProjection: Bool
    let assumptions: String

    init?(_ d: ReproductionNumberService.Document, lang: Language) {
        guard let latest = d.estimates.last else { return nil }
        func f(_ x: Double) -> String { String(format: "%.2f", x) }
        (day, mean, lower, upper) = (latest.day, f(latest.mean), f(latest.lower), f(latest.upper))
        json = "[" + d.estimates.map { #"{"day":"\#($0.day)","mean":\#(f($0.mean)),"lower":\#(f($0.lower)),"upper":\#(f($0.upper))}"# }.joined(separator: ",") + "]"
        projection = d.projection.map { ProjectionRow(day: $0.day, mean: String(format: "%.0f", $0.mean), range: String(format: "%.0f–%.0f", $0.lower, $0.upper)) }
        hasProjection = !projection.isEmpty
        assumptions = Strings.text(
            "rt_assumptions", lang, String(format: "%.1f", d.serialInterval.mean), String(format: "%.1f", d.serialInterval.sd), "\(d.windowDays)")
    }
}

/// A projected day: expected new cases and the range R's interval gives.
struct ProjectionRow: Sendable {
    let day: String
    let mean: String
    let range: String
}

/// A day of the bulletin archive: its date and new cases.
struct ArchiveDay: Sendable {
    let day: String
    let new: Int
}

/// A district's figures on the bulletin.
struct BulletinDistrictRow: Sendable {
    let name: String
    let new: Int
    let total: Int
}

/// `public-cases`: the published cases, newest first.
struct PublicCasesPage: PageModel {
    let cases: [PublicCaseRow]
    let hasCases: Bool
}

/// A published case as people read it (the public case list, "near me", and the epidemiologist's
/// review of drafts, which show the same fields).
struct PublicCaseRow: Sendable {
    let number: Int
    /// In the reader's language.
    let sex: String
    let ageBand: String
    let confirmedOn: String
    let stops: [PublicStopRow]
    let compound: String?
    let district: String?
    /// "Near me" only: metres from the point searched.
    var distance: Int? = nil
    /// The review of drafts only: the draft to approve.
    var id: String? = nil

    init(_ d: CaseDisclosure.Published, _ lang: Language, time: (Date) -> String) {
        number = d.number
        sex = Strings.text("sex.\(d.sex)", lang)
        ageBand = d.ageBand
        confirmedOn = d.confirmedOn
        stops = d.trajectory.map { PublicStopRow(place: $0.place, from: time($0.from), to: time($0.to)) }
        compound = d.compound
        district = d.district
    }
}

/// A public place on a case's trajectory, with when (on the city's clock) the case was there.
struct PublicStopRow: Sendable {
    let place: String
    let from: String
    let to: String
}

/// `public-map`: the map draws itself from the open data; the page needs nothing more.
struct PublicMapPage: PageModel {}

/// `public-near`: the search form (as typed) and, once a point is known, what lies within the radius.
struct NearMePage: PageModel {
    /// The radius as typed (`3` when none).
    let km: String
    /// The compound name as typed.
    let compoundQuery: String
    /// The compound found by that name.
    var compoundName: String? = nil
    /// No compound has that name.
    var message: String? = nil
    var searched = false
    var cases: [PublicCaseRow]? = nil
    var areas: [NearAreaRow]? = nil
    /// "You are in a high-risk area: …", one line per area whose outline holds the point.
    var standingIn: [String]? = nil
    /// Nothing published lies within the radius (said, not left blank).
    var nothingNear: String? = nil
}

/// A risk area within the radius.
struct NearAreaRow: Sendable {
    let name: String
    /// The risk level in the reader's language.
    let level: String
    /// Metres from the point searched.
    let distance: Int
}

/// `public-risk-areas`: the current risk areas.
struct PublicRiskAreasPage: PageModel {
    let areas: [PublicRiskAreaRow]
    let hasAreas: Bool
}

/// A current risk area; `since`/`until` on the city's clock, `—` when open.
struct PublicRiskAreaRow: Sendable {
    let name: String
    /// The level's code (`low`, `medium`, `high`): the row's CSS class.
    let level: String
    /// The level in the reader's language.
    let levelName: String
    let cases: Int
    let since: String
    let until: String
}

/// `public-posts`: rumour rebuttals (`rebuttals`) or notices.
struct PublicPostsPage: PageModel {
    let rebuttals: Bool
    let posts: [PublicPostRow]
    let hasPosts: Bool
}

/// A notice or rebuttal in the reader's language.
struct PublicPostRow: Sendable {
    let id: String
    let title: String
    let body: String
    /// When it was published, on the city's clock.
    let published: String
    let sources: [String]
    let hasSources: Bool
    /// A rebuttal's verdict in the reader's language.
    let verdict: String?

    init(_ p: PublicPost, _ lang: Language, time: (Date) -> String) {
        id = p.id
        title = p.title.text(lang.rawValue)
        body = p.body.text(lang.rawValue)
        published = time(p.publishedAt)
        sources = p.sources
        hasSources = !p.sources.isEmpty
        verdict = p.verdict.map { Strings.text("verdict.\($0)", lang) }
    }
}
