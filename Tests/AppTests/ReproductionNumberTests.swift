import App
import Domain
import Epidemiology
import Foundation
import HummingbirdTesting
import Ingestion
import Testing
import TestSupport

/// `/open-data/rt.json` and the bulletin's card: the city's confirmed cases by onset day, R_t and
/// its projection, on a city whose cases are known one by one.
@Suite("Reproduction number on open data and the bulletin")
struct ReproductionNumberPublicTests {
    /// New confirmed cases on each of the last 14 days, oldest first (today last).
    static let schedule = [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 4, 3]

    @Test("cases counted by onset day (sample day without one); estimates from the first window with 12 cases, as the estimator gives them; a 7-day projection from today", arguments: Backend.available)
    func rtDocument(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        let services = city.services
        let offset = services.profiles.profile.colours.dayOffsetMinutes
        let now = Date()
        let today = CalendarDate(localDayOf: now, offsetMinutes: offset).daysSinceEpoch
        var residents = "", labs = ""
        var n = 0
        for (i, count) in Self.schedule.enumerated() {
            let daysAgo = Self.schedule.count - 1 - i
            for _ in 0..<count {
                n += 1
                residents += #"{"id":"C\#(n)","name":"病例\#(n)","sex":"female","area":"G-DP-1","compound":"CP-DP"}"# + "\n"
                let sampled = Timestamp.format(now.addingTimeInterval(-Double(daysAgo) * 86_400))
                labs += #"{"id":"L\#(n)","person":"C\#(n)","sampledAt":"\#(sampled)","result":"positive","test":"pcr"}"# + "\n"
            }
        }
        for (kind, text) in [(ImportKind.residents, residents), (.labs, labs)] {
            let report = try await services.imports.run(kind, reader: RecordReader(bytes: Array(text.utf8)), actor: "cli:test", source: "\(kind.rawValue).ndjson")
            #expect(report.rejected == 0, "\(report.problems)")
        }
        // An epidemiologist records C1's onset two days before its sample: it counts on that day.
        try await services.store.saveCaseRecord(
            CaseRecord(person: "C1", status: .confirmed, onset: now.addingTimeInterval(-15 * 86_400), updatedBy: "staff:epi", updatedAt: now),
            audit: AuditEvent(at: now, actor: "staff:epi", action: "case.record", subjectKind: "person", subjectID: "C1"))

        try await city.test { client in
            let response = try await client.get("/open-data/rt.json")
            #expect(response.status == .ok)
            let document = try JSONDecoder().decode(ReproductionNumberService.Document.self, from: Data(response.text.utf8))
            #expect(document.method == "cori2013" && document.windowDays == 7 && document.serialInterval.mean == 4.7 && document.prior.shape == 1)
            // Day 0 is C1's onset, 15 days ago; the schedule's first day (C1's sample) then has none left.
            let expected = [1, 0, 0] + Self.schedule.dropFirst()
            #expect(document.incidence.map(\.cases) == expected)
            #expect(document.incidence.first?.day == CalendarDate(daysSinceEpoch: today - 15).description)
            #expect(document.incidence.last?.day == CalendarDate(daysSinceEpoch: today).description)

            let si = SerialInterval.discretisedGamma(mean: 4.7, sd: 2.9, days: 60)
            let own = ReproductionNumber.estimates(Array(expected), serialInterval: si)
            #expect(!own.isEmpty && document.estimates.count == own.count)
            for (published, computed) in zip(document.estimates, own) {
                #expect(published.day == CalendarDate(daysSinceEpoch: today - 15 + computed.end).description)
                #expect(abs(published.mean - computed.mean) < 1e-9 && published.lower < published.mean && published.mean < published.upper)
            }
            // The first estimate is the first window holding 12 cases.
            let firstFull = (7..<expected.count).first { end in expected[(end - 6)...end].reduce(0, +) >= 12 }
            #expect(own.first?.end == firstFull)
            #expect(document.projection.count == 7 && document.projection.first?.day == CalendarDate(daysSinceEpoch: today + 1).description)
            #expect(document.projection.allSatisfy { $0.lower <= $0.mean && $0.mean <= $0.upper })

            // Today's bulletin shows the latest estimate, its interval and the projection, in words.
            let latest = try #require(document.estimates.last)
            let zh = try await client.get("/public", language: "zh")
            #expect(zh.text.contains("实时再生数 Rt") && zh.text.contains(String(format: "%.2f", latest.mean)) && zh.text.contains("仅为估计"))
            let en = try await client.get("/public", language: "en")
            #expect(en.text.contains("Reproduction number Rt") && en.text.contains("an estimate, not a forecast") && en.text.contains("id=\"rt-chart\""))
        }
        try await city.close()
    }

    @Test("with no cases the document is empty but well formed, and the bulletin shows no card", arguments: Backend.available)
    func noCases(_ backend: Backend) async throws {
        let city = try await ImportedCity.make(backend)
        try await city.test { client in
            let document = try JSONDecoder().decode(ReproductionNumberService.Document.self, from: Data(try await client.get("/open-data/rt.json").text.utf8))
            #expect(document.incidence.isEmpty && document.estimates.isEmpty && document.projection.isEmpty)
            #expect(try await !client.get("/public", language: "en").text.contains("id=\"rt-chart\""))
        }
        try await city.close()
    }
}
