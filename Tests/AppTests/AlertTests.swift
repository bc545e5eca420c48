import App
import Domain
import Foundation
import HealthRules
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing
import TestSupport

/// Notifications (issue 7): triggers once per fact, de-duplication, and the webhook gateway against
/// a real HTTP server that fails before it accepts.
@Suite("Notifications")
struct NotificationTests {
    /// A resident with a phone in the first grid.
    func residentWithPhone(_ city: TestCity) async throws -> SealedResident {
        for r in try await city.services.store.residents(within: city.city.grids[0].area.path, after: nil, limit: 200)
        where try city.services.vault.open(r).phone != nil {
            return r
        }
        throw TestSupportError("no resident with a phone")
    }

    @Test("each trigger queues one message per fact: a second run queues nothing; a colour change is announced once", arguments: Backend.available)
    func triggers(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let store = city.services.store
        let now = city.services.clock.now()
        let person = try await residentWithPhone(city)
        _ = try await store.insertArrivals([Arrival(id: "ARR-N1", person: person.id, from: "420100", arrivedAt: now.addingTimeInterval(-600))], audit: nil)
        try await store.replaceExposures(
            caseID: "CASE-N", with: [ContactExposure(person: person.id, caseID: "CASE-N", category: .close, lastExposure: now.addingTimeInterval(-2 * 86_400))],
            audit: nil)
        let notices = city.services.alerts
        let first = try await notices.runRules().filter { $0.person == person.id }
        // Reminders go out from 09:00 local time only.
        let minute = Int((now.timeIntervalSince1970 + 480 * 60).truncatingRemainder(dividingBy: 86_400) / 60)
        let reminder: Set<AlertKind> = minute >= AlertRules.reminderMinute ? [.quarantineReminder] : []
        #expect(Set(first.map(\.kind)) == Set([AlertKind.arrivalHighRisk, .closeContact]).union(reminder))
        #expect(first.allSatisfy { $0.recipientMasked.contains("****") && !$0.body.isEmpty })
        #expect(try await notices.runRules().isEmpty)
        // Another arrival of the same person within the window: not a second message of that kind.
        _ = try await store.insertArrivals([Arrival(id: "ARR-N2", person: person.id, from: "420100", arrivedAt: now.addingTimeInterval(-300))], audit: nil)
        #expect(try await notices.runRules().isEmpty)

        // The exposure turns them red: announced once, not again on a refresh that changes nothing.
        let before = try await store.pendingMessages(limit: 1_000).filter { $0.kind == .colourChanged }.count
        _ = try await city.services.statuses.refresh(person.id)  // first status: nothing to compare with
        try await store.replaceExposures(caseID: "CASE-N", with: [], audit: nil)
        _ = try await city.services.statuses.refresh(person.id)  // the contact is gone: red → yellow (arrival)
        _ = try await city.services.statuses.refresh(person.id)
        let changed = try await store.pendingMessages(limit: 1_000).filter { $0.kind == .colourChanged && $0.person == person.id }
        #expect(changed.count - before == 1)
        #expect(changed.first?.body.contains("黄码") == true)
        try await city.close()
    }

    @Test("the webhook gateway: a provider that fails twice gets the message three times, signed, and it is delivered once and audited")
    func webhookRetries() async throws {
        let city = try await TestCity.make(.sqlite, residents: 300)
        let provider = Provider()
        let router = Router()
        router.post("sms") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let signature = request.headers.first { $0.name.canonicalName == "x-cordon-signature" }?.value ?? ""
            let n = provider.record(Data(buffer: body), signature: signature)
            return Response(status: n <= 2 ? .internalServerError : .ok)
        }
        let port = Mutex<Int?>(nil)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } })
        let person = try await residentWithPhone(city)
        let phone = try #require(try city.services.vault.open(person).phone)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            var bound: Int? = nil
            for _ in 0..<100 where bound == nil {
                try await Task.sleep(for: .milliseconds(20))
                bound = port.withLock { $0 }
            }
            let boundPort = try #require(bound)
            let url = try #require(URL(string: "http://127.0.0.1:\(boundPort)/sms"))
            let queued = try await city.services.alerts.queue(
                [.init(person: person.id, kind: .areaBulletin, factKey: "test:webhook", variables: ["area": "测试", "text": "请居家"])], actor: "test")
            let id = try #require(queued.first?.id)
            let s = city.services
            let dispatcher = OutboxDispatcher(
                store: s.store, vault: s.vault, settings: s.settings, clock: s.clock, logger: s.logger, gateway: WebhookGateway(url: url, secret: "s3cret"),
                retryBaseSeconds: 0)
            var delivered = 0
            for _ in 0..<5 { delivered += try await dispatcher.dispatchPending() }
            #expect(delivered == 1)
            group.cancelAll()

            let requests = provider.requests()
            #expect(requests.count == 3)
            // Each request is signed over its timestamp and body, and carries the phone in clear.
            for r in requests {
                let parts = Dictionary(uniqueKeysWithValues: r.signature.split(separator: ",").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }.map { ($0[0], $0[1]) })
                #expect(parts["v1"] == WebhookGateway.signature(secret: "s3cret", timestamp: parts["t"] ?? "", body: r.body))
                let json = try JSONSerialization.jsonObject(with: r.body) as? [String: Any]
                #expect(json?["to"] as? String == phone && json?["id"] as? String == id && (json?["body"] as? String)?.contains("请居家") == true)
            }
            let message = try #require(try await city.services.store.outboxCounts().first { $0.kind == "bulletin" })
            #expect(message.status == .sent && message.count == 1)
            #expect(try await city.services.store.pendingMessages(limit: 100).allSatisfy { $0.id != id })
            let audit = try await city.services.store.recentAudit(subjectID: id, limit: 10).map(\.event.action)
            #expect(audit.filter { $0 == "notify.retry" }.count == 2 && audit.filter { $0 == "notify.sms" }.count == 1)
        }
        try await city.close()
    }

    @Test("a resident without a phone: their proxy gets the message, saying whom it is about, once")
    func proxyReceives() async throws {
        let city = try await TestCity.make(.sqlite, residents: 300)
        let dependant = try #require(try await city.services.store.resident(id: "R00000002"))
        #expect(try city.services.vault.open(dependant).phone == nil)
        let proxy = try #require(try await city.services.store.resident(id: "R00000001"))
        let notice = HealthRules.AlertRules.Alert(person: dependant.id, kind: .quarantineReminder, factKey: "reminder:R00000002:test", variables: ["date": "2026-11-25", "until": "2026-12-09"])
        let queued = try await city.services.alerts.queue([notice], actor: "test")
        #expect(queued.count == 1)
        #expect(queued.first?.recipientMasked == Masking.phone(try #require(try city.services.vault.open(proxy).phone)))
        #expect(queued.first?.body.hasPrefix("（代\(Masking.name(dependant.name))接收）") == true)
        #expect(try await city.services.alerts.queue([notice], actor: "test").isEmpty)
        try await city.close()
    }

    @Test("templates fill every variable or say which one is missing")
    func templates() throws {
        #expect(try AlertTemplate.render(.areaBulletin, language: "en", ["area": "Gongshu", "text": "Stay home"]) == "[Gongshu notice] Stay home")
        #expect(throws: AlertTemplate.Problem.missingVariable(kind: "bulletin", name: "text")) {
            try AlertTemplate.render(.areaBulletin, language: "zh", ["area": "拱墅"])
        }
        // Every kind has its template; a value a person typed may hold braces.
        for kind in AlertKind.allCases { #expect(AlertTemplate.texts[kind] != nil, "\(kind.rawValue)") }
        #expect(try AlertTemplate.render(.areaBulletin, language: "en", ["area": "A", "text": "{not a variable}"]) == "[A notice] {not a variable}")
    }
}

/// The SMS provider's side of the webhook: what it received, in order.
final class Provider: Sendable {
    struct Request: Sendable {
        var body: Data
        var signature: String
    }

    private let received = Mutex<[Request]>([])

    /// Records a request; returns how many there have been.
    func record(_ body: Data, signature: String) -> Int {
        received.withLock {
            $0.append(Request(body: body, signature: signature))
            return $0.count
        }
    }

    func requests() -> [Request] { received.withLock { $0 } }
}
