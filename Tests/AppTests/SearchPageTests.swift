import App
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Privacy
import Testing
import TestSupport

/// Staff find people by phone, identity number or name, within their jurisdiction only, audited
/// without what was typed.
@Suite("Search")
struct SearchPageTests {
    @Test("a grid worker finds a resident of their grid by phone, identity number and name; one of another grid is not found; the audit keeps no phone",
        arguments: Backend.available)
    func search(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let store = city.services.store
        let vault = city.services.vault
        let mine = try #require(try await store.residents(within: city.city.grids[0].area.path, after: nil, limit: 50).first { $0.phoneIndex != nil && $0.idNumberIndex != nil })
        let other = try #require(try await store.residents(within: city.city.grids[city.city.grids.count - 1].area.path, after: nil, limit: 50).first { $0.phoneIndex != nil })
        let mineOpen = try vault.open(mine), otherOpen = try vault.open(other)
        let phone = try #require(mineOpen.phone), idNumber = try #require(mineOpen.idNumber), otherPhone = try #require(otherOpen.phone)
        try await city.test { client in
            let cookie = try await client.signIn(try city.account("grid"))
            let byPhone = try await client.get("/search?q=\(phone)", cookie: cookie, language: "en")
            #expect(byPhone.status == .ok && byPhone.text.contains("By phone number") && byPhone.text.contains("/people/\(mine.id)"))
            #expect(byPhone.text.contains(#"value="\#(phone)""#))  // the form keeps what was typed
            // Where the person lives, by name: masked names alike are told apart by it.
            let grid = city.city.grids[0].area
            #expect(byPhone.text.contains((grid.nameEn ?? grid.name) + " · "))
            #expect(!byPhone.text.contains(">" + phone + "<"))  // shown masked
            let byID = try await client.get("/search?q=\(idNumber.lowercased())", cookie: cookie, language: "en")
            #expect(byID.text.contains("By identity number") && byID.text.contains("/people/\(mine.id)"))
            let prefix = String(mine.name.prefix(1)).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let byName = try await client.get("/search?q=\(prefix)", cookie: cookie, language: "zh-CN")
            #expect(byName.text.contains("/people/\(mine.id)"))
            #expect(!byName.text.contains("/people/\(other.id)"))
            let foreign = try await client.get("/search?q=\(otherPhone)", cookie: cookie, language: "en")
            #expect(!foreign.text.contains("/people/\(other.id)") && foreign.text.contains("Nothing found."))

            // Who may not search: a resident, a checkpoint operator.
            let op = try await client.signIn(try city.account("checkpoint"))
            #expect(try await client.get("/search?q=\(phone)", cookie: op).status == .forbidden)
            #expect(try await client.get("/", cookie: cookie, language: "en").text.contains("href=\"/search\""))
            #expect(!(try await client.get("/", cookie: op, language: "en").text.contains("href=\"/search\"")))
        }
        let audit = try await store.auditEntries(after: 0, limit: 1_000_000).filter { $0.event.action == "person.search" }
        #expect(audit.count == 4)
        #expect(audit.allSatisfy { !$0.event.detail.contains(phone) && !$0.event.detail.contains(idNumber) })
        #expect(audit.contains { $0.event.detail.hasPrefix("phone search: 1 people") })
        try await city.close()
    }
}
