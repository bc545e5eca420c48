import App
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// Staff pages name people, places and areas: the internal ids (`CMP-…`, grid codes, household ids,
/// resident ids) stay in links, not in what people read.
@Suite("Names on pages")
struct NamesOnPagesTests {
    @Test("the area, person and household pages name where residents live; the case page names the case", arguments: Backend.available)
    func names(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let store = city.services.store
        let grid = city.city.grids[0].area
        let resident = try #require(try await store.residents(within: grid.path, after: nil, limit: 50).first { $0.compoundID != nil && $0.householdID != nil && $0.areaID == grid.id })
        let compoundID = try #require(resident.compoundID), householdID = try #require(resident.householdID)
        let compound = try #require(try await store.place(id: compoundID))
        let caseID = try #require(try await city.services.tracing.cases(within: .everywhere, limit: 5).first?.person)
        try await city.test { client in
            let cookie = try await client.signIn(try city.account("grid"))
            let area = try await client.get("/areas/\(grid.id)", cookie: cookie, language: "en").text
            #expect(area.contains(compound.name) && area.contains(grid.name))
            #expect(!area.contains(">\(compound.id)<") && !area.contains("CMP-"))
            let person = try await client.get("/people/\(resident.id)", cookie: cookie, language: "en").text
            #expect(person.contains("<dd>\(compound.name)</dd>") && person.contains("<dd>\(grid.name)</dd>"))
            #expect(person.contains("href=\"/households/\(householdID)\">Household members</a>"))
            let household = try await client.get("/households/\(householdID)", cookie: cookie, language: "en").text
            #expect(household.contains("<h1>Household <span class=\"muted\">\(compound.name) · \(grid.name)</span></h1>"))
            #expect(!household.contains(">\(householdID)<"))

            let epi = try await client.signIn(try city.account("epi"))
            let page = try await client.get("/cases/\(caseID)", cookie: epi, language: "en").text
            let heading = try #require(page.components(separatedBy: "<h1>").dropFirst().first?.components(separatedBy: "</h1>").first)
            #expect(!heading.contains(">\(caseID)<"))
            #expect(heading.contains("*"))  // the masked name
            let list = try await client.get("/cases", cookie: epi, language: "en").text
            #expect(!list.contains(">\(caseID)<") && list.contains("href=\"/cases/\(caseID)\""))
        }
        try await city.close()
    }
}
