import App
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Ingestion
import Testing
import TestSupport

@Suite("Risk areas in the app")
struct RiskAreaTests {
    @Test("five cases in one compound make it a high risk area, one case elsewhere a medium one; the page shows both and the history")
    func riskAreasFromCases() async throws {
        let city = try await TestCity.make(.sqlite, residents: 600)
        let store = city.services.store
        let first = try #require(try await store.resident(id: "R00000010")?.compoundID)
        var cluster: [String] = []
        for n in 10..<200 where cluster.count < 5 {
            let id = "R" + String(format: "%08d", n)
            if try await store.resident(id: id)?.compoundID == first { cluster.append(id) }
        }
        #expect(cluster.count == 5)
        let sampled = Timestamp.format(Date().addingTimeInterval(-3600))
        let labs = (cluster + ["R00000590"]).enumerated().map { i, person in
            #"{"id":"RISK-\#(i)","person":"\#(person)","sampledAt":"\#(sampled)","result":"positive","test":"pcr"}"#
        }.joined(separator: "\n")
        _ = try await city.services.imports.run(.labs, reader: RecordReader(bytes: Array(labs.utf8)), actor: "test", source: "test")
        let report = try await city.services.riskAreas.report()
        #expect(report.current.first { $0.area.id == first }?.level == .high)
        let otherCompound = try #require(try await store.resident(id: "R00000590")?.compoundID)
        #expect(report.current.first { $0.area.id == otherCompound }?.level == .medium)
        #expect(report.history.contains { $0.area == first && $0.to == .high })
        try await city.test { client in
            let epi = try await client.signIn(try city.account("epi"))
            let page = try await client.get("/risk-areas", cookie: epi, language: "en")
            #expect(page.status == .ok)
            #expect(page.text.contains("risk-high"))
            #expect(page.text.contains(first))
        }
        try await city.close()
    }
}
