import Domain
import Foundation

/// What a resident has sent about themselves, with where it stands: their appeals (open, upheld
/// or dismissed, with the answer), what they declared (travel, a contact with a case) and their
/// check-ins of the last two weeks. Only the resident's own records; staff see them on the person's page.
struct MyRecords: Sendable {
    let appeals: [AppealRow]
    let hasAppeals: Bool
    let declarations: [DeclarationRow]
    let hasDeclarations: Bool
    let checkIns: [CheckInRow]
    let hasCheckIns: Bool

    struct AppealRow: Sendable {
        let submitted: String
        let what: String
        let reason: String
        let state: String
        let open: Bool
        let deadline: String
        let answer: String?
    }

    struct DeclarationRow: Sendable {
        let at: String
        let what: String
    }

    struct CheckInRow: Sendable {
        let at: String
        let temperature: String
        let symptoms: String
    }

    static func load(
        _ person: String, store: any HealthRepository & FeedRepository, now: Date, lang: Language, time: (Date) -> String
    ) async throws -> MyRecords {
        let appeals = try await store.appeals(person: person).sorted { $0.submittedAt > $1.submittedAt }.map { a in
            AppealRow(
                submitted: time(a.submittedAt), what: Strings.text("fact.\(a.factKind)", lang), reason: a.reason,
                state: Strings.text("appealState.\(a.state.rawValue)", lang), open: a.state == .open, deadline: time(a.deadline),
                answer: a.decision.flatMap { $0.isEmpty ? nil : $0 })
        }
        // Declared travel is an arrival the resident declared; a declared contact an exposure of category `declared`.
        let travel = try await store.arrivals(person: person).filter { $0.mode == "declared" }.map { a in
            (a.arrivedAt, DeclarationRow(at: time(a.arrivedAt), what: Strings.text("myRecords.travel", lang, RegionNames.name(a.from, lang))))
        }
        let contacts = try await store.exposures(person: person).filter { $0.category == .declared }.map { e in
            (e.lastExposure, DeclarationRow(at: time(e.lastExposure), what: Strings.text("myRecords.contact", lang)))
        }
        let declarations = (travel + contacts).sorted { $0.0 > $1.0 }.map(\.1)
        let checkIns = try await store.checkIns(person: person, since: now.addingTimeInterval(-14 * 86_400)).reversed().map { c in
            CheckInRow(
                at: time(c.at), temperature: c.temperature.map { String(format: "%.1f °C", $0) } ?? "—",
                symptoms: c.symptoms.isEmpty ? Strings.text("myRecords.noSymptoms", lang) : c.symptoms.map { Strings.text("symptom.\($0)", lang) }.joined(separator: "、"))
        }
        return MyRecords(
            appeals: appeals, hasAppeals: !appeals.isEmpty, declarations: declarations, hasDeclarations: !declarations.isEmpty,
            checkIns: Array(checkIns), hasCheckIns: !checkIns.isEmpty)
    }
}
