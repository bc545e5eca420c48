import App
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Ingestion
import Testing
import TestSupport

/// The forms behind the pages: appeals, manual colours and case edits, end to end.
@Suite("Health pages")
struct HealthPagesTests {
    @Test("a resident appeals from the home page, a reviewer decides on the queue page; overrides and case edits go through their forms")
    func forms() async throws {
        let city = try await TestCity.make(.sqlite, residents: 600)
        let store = city.services.store
        let resident = try city.account("resident")
        let person = try #require(resident.residentID)
        let arrived = Timestamp.format(Date().addingTimeInterval(-86400))
        let arrival = #"{"id":"ARR-P","person":"\#(person)","from":"420100","arrivedAt":"\#(arrived)"}"#
        _ = try await city.services.imports.run(.arrivals, reader: RecordReader(bytes: Array(arrival.utf8)), actor: "test", source: "test")
        try await city.test { client in
            let me = try await client.signInResident(try #require(resident.phone), store: store)
            let home = try await client.get("/", cookie: me, language: "en")
            #expect(home.text.contains(#"value="arrival/ARR-P""#))
            // Too short a reason: the appeal comes back open, the fact still chosen, the reason kept, why in Chinese.
            let short = try await client.postForm("/appeals", ["person": person, "fact": "arrival/ARR-P", "reason": "错"], cookie: me, language: "zh-CN")
            let again = try await client.get(try #require(short.headers[.location]), cookie: me, language: "zh-CN").text
            #expect(again.contains("申诉理由：请写明哪里不对") && again.contains(">错</textarea>"))
            #expect(again.contains(#"<option value="arrival/ARR-P" selected>"#))
            #expect(try await store.appeals(person: person).isEmpty)
            let sent = try await client.postForm("/appeals", ["person": person, "fact": "arrival/ARR-P", "reason": "wrong person on the ticket"], cookie: me)
            #expect(sent.headers[.location] == "/?appealed=1")
            let appeal = try #require(try await store.appeals(person: person).first)

            let epi = try await client.signIn(try city.account("epi"))
            let queue = try await client.get("/appeals", cookie: epi, language: "en")
            #expect(queue.text.contains(appeal.id))
            #expect(queue.text.contains("wrong person on the ticket"))
            _ = try await client.postForm("/appeals/\(appeal.id)/decision", ["verdict": "uphold", "decision": "ticket belongs to someone else"], cookie: epi)
            #expect(try await store.appeal(id: appeal.id)?.state == .upheld)
            #expect(try await store.status(person: person)?.colour == .green)

            // The resident declares a trip to a high-risk region and a contact: both count at once.
            let yesterday = String(Timestamp.format(Date().addingTimeInterval(-86400)).prefix(10))
            let declared = try await client.postForm(
                "/declare", ["person": person, "region": "420100", "travelDate": yesterday, "contact": "同事 a colleague", "contactDate": yesterday], cookie: me)
            #expect(declared.headers[.location] == "/?declared=1")
            let afterDeclaring = try #require(try await store.status(person: person))
            #expect(afterDeclaring.colour == .yellow)
            #expect(Set(afterDeclaring.reasons.map(\.rule)).isSuperset(of: ["arrival.high-risk", "contact.declared"]))
            let tomorrow = String(Timestamp.format(Date().addingTimeInterval(2 * 86400)).prefix(10))
            // Refused, the declaration comes back open with what was typed and why, in the page's language.
            let refusedTrip = try await client.postForm("/declare", ["person": person, "region": "420100", "travelDate": tomorrow], cookie: me, language: "zh-CN")
            let back = try await client.get(try #require(refusedTrip.headers[.location]), cookie: me, language: "zh-CN").text
            #expect(back.contains("来自地区 / 日期：") && back.contains(#"value="420100""#) && back.contains(#"value="\#(tomorrow)""#))
            #expect(back.contains(#"<details class="declare" id="declare-\#(person)" open>"#))

            // The resident sees where their appeal stands and its answer, and what they declared, on their home page.
            _ = try await client.postForm("/checkin", ["person": person, "temperature": "36.6"], cookie: me)
            let mine = try await client.get("/", cookie: me, language: "en")
            #expect(mine.text.contains("upheld: the fact has been corrected") && mine.text.contains("ticket belongs to someone else"))
            #expect(mine.text.contains("Declared travel: from Wuhan") && mine.text.contains("Declared contact with a case"))
            #expect(mine.text.contains("36.6 °C"))
            let mineZh = try await client.get("/", cookie: me, language: "zh-CN")
            #expect(mineZh.text.contains("已采纳：相关信息已更正") && mineZh.text.contains("申报行程：来自 武汉市"))

            // A manual colour: proposed by the command centre, approved by the district officer.
            let command = try await client.signIn(try city.account("command"))
            let until = Self.localInput(Date().addingTimeInterval(2 * 86400))
            // Refused (an end beyond the profile's limit): the form comes back as typed, why in English; nothing stored.
            let tooLong = Self.localInput(Date().addingTimeInterval(60 * 86400))
            let refused = try await client.postForm(
                "/overrides", ["person": "R00000010", "colour": "red", "legalBasis": "《传染病防治法》第三十九条", "until": tooLong], cookie: command, language: "en")
            let form = try await client.get(try #require(refused.headers[.location]), cookie: command, language: "en").text
            #expect(form.contains("Until: the end must lie in the future") && form.contains(#"value="《传染病防治法》第三十九条""#))
            #expect(form.contains(#"<option value="red" selected>"#) && form.contains(#"value="\#(tooLong)""#))
            #expect(try await store.pendingOverrideRequests(within: .everywhere, page: PageRequest(limit: 5)).total == 0)
            let proposed = try await client.postForm(
                "/overrides", ["person": "R00000010", "colour": "yellow", "legalBasis": "《传染病防治法》第三十九条", "until": until], cookie: command)
            #expect(proposed.status == .seeOther)
            let request = try #require(try await store.pendingOverrideRequests(within: .everywhere, page: PageRequest(limit: 5)).items.first)
            let page = try await client.get("/overrides", cookie: command, language: "en")
            #expect(page.text.contains("href=\"/people/R00000010\"") && page.text.contains("<strong>Yellow</strong>"))
            let officer = try await client.signIn(try city.account("district"))
            _ = try await client.postForm("/overrides/\(request.id)/decision", ["verdict": "approve", "decision": "checked"], cookie: officer)
            #expect(try await store.status(person: "R00000010")?.colour == .yellow)

            // A case edit through the case page's form: discarded cases leave the case list.
            let caseID = try #require(try await city.services.tracing.cases(within: .everywhere, limit: 5).first?.person)
            let edited = try await client.postForm("/cases/\(caseID)/edit", ["status": "discarded", "onset": "", "isolatedAt": "", "outcome": ""], cookie: epi)
            #expect(edited.headers[.location] == "/cases")
            #expect(try await store.caseRecord(person: caseID)?.status == .discarded)
        }
        try await city.close()
    }

    /// A datetime-local value in Beijing time.
    static func localInput(_ date: Date) -> String {
        String(Timestamp.format(Int64(date.timeIntervalSince1970) + 8 * 3600).prefix(16))
    }

    @Test("a contact's appeal form names the exposure by its number, never the index case's id; the appeal still reaches that exposure")
    func exposureAppealHidesTheCase() async throws {
        let city = try await TestCity.make(.sqlite, residents: 600)
        let store = city.services.store
        let resident = try city.account("resident")
        let person = try #require(resident.residentID)
        let caseID = "R00000042"
        try await store.replaceExposures(
            caseID: caseID, with: [ContactExposure(person: person, caseID: caseID, category: .close, lastExposure: Date().addingTimeInterval(-86_400))], audit: nil)
        _ = try await city.services.statuses.refresh(person)
        try await city.test { client in
            let me = try await client.signInResident(try #require(resident.phone), store: store)
            let home = try await client.get("/", cookie: me, language: "en").text
            #expect(home.contains(#"value="exposure/#1""#) && !home.contains(caseID))
            let sent = try await client.postForm("/appeals", ["person": person, "fact": "exposure/#1", "reason": "I was at home that day"], cookie: me)
            #expect(sent.headers[.location] == "/?appealed=1")
            #expect(try await store.appeals(person: person).first?.factID == caseID)
            // A number the person does not have is refused like any unknown fact.
            let wrong = try await client.postForm("/appeals", ["person": person, "fact": "exposure/#9", "reason": "I was at home that day"], cookie: me)
            #expect(wrong.headers[.location]?.contains("problem=") == true)
        }
        try await city.close()
    }
}
