import Domain
import Foundation
import HealthRules
import Privacy

/// Turns alerts into outbox messages: the resident's phone (sealed, as every phone at rest), the
/// template in the city's language, the fact it announces and the person it is about, so the
/// outbox sends one message per fact and one of a kind per person per window.
public struct AlertService: Sendable {
    let store: any ResidentRepository & OutboxRepository
    let profiles: ProfileStore
    let clock: WallClock
    let settings: AlertSettings
    let sms: SMSComposer
    let recentFacts: RecentFacts

    /// Queues what the alert rules ask for now (over `facts`, read when not given); returns the messages queued.
    @discardableResult
    public func runRules(facts given: HealthFactRows? = nil) async throws -> [OutboxMessage] {
        let facts: HealthFactRows
        if let given { facts = given } else { facts = try await recentFacts.load() }
        let alerts = AlertRules(colours: profiles.profile.colours, now: clock.now()).alerts(
            arrivals: facts.arrivals, exposures: facts.exposures, checkIns: facts.checkIns)
        return try await queue(alerts, actor: "system:alerts")
    }

    /// Queues alerts to residents' own phones (people without a phone are left out); returns what was queued.
    @discardableResult
    public func queue(_ alerts: [AlertRules.Alert], actor: String, window: TimeInterval? = nil) async throws -> [OutboxMessage] {
        guard !alerts.isEmpty else { return [] }
        var messages: [OutboxMessage] = []
        var residents: [String: SealedResident?] = [:]
        for alert in alerts {
            if residents[alert.person] == nil { residents[alert.person] = .some(try await store.resident(id: alert.person)) }
            guard let resident = residents[alert.person] ?? nil else { continue }
            // A contact's category is a code (`close`): the message names it in its own language.
            var variables = alert.variables
            if let category = variables["category"] { variables["category"] = Strings.text("contact.\(category)", Language(rawValue: settings.language) ?? .zh) }
            let body = try AlertTemplate.render(alert.kind, language: settings.language, variables)
            if var message = try sms.sms(to: resident, kind: alert.kind, body: body) {
                message.person = alert.person
                message.factKey = alert.factKey
                messages.append(message)
                continue
            }
            // No phone of their own (the elderly, children): their proxies get it, saying whom it is about.
            let about = try AlertTemplate.renderOnBehalf(language: settings.language, name: Masking.name(resident.name))
            for proxyID in try await store.proxies(ofDependant: alert.person) {
                guard let proxy = try await store.resident(id: proxyID),
                    var message = try sms.sms(to: proxy, kind: alert.kind, body: about + body)
                else { continue }
                // De-duplicated per dependant and proxy, so each of several proxies gets it once.
                message.person = alert.person + " via " + proxyID
                message.factKey = alert.factKey + "#" + proxyID
                messages.append(message)
            }
        }
        var queued: [OutboxMessage] = []
        var start = 0
        while start < messages.count {
            let batch = Array(messages[start..<min(messages.count, start + 1_000)])
            queued += try await store.enqueueAlerts(
                batch, window: window ?? settings.window, audit: clock.event(actor, .notifyQueue, detail: "\(batch.count) alerts"))
            start += batch.count
        }
        return queued
    }

    /// The alert of a colour that changed to the status's (the store says it changed when it saves).
    func colourAlert(_ status: HealthStatus) -> AlertRules.Alert {
        let name = Strings.text("colour.\(status.colour.rawValue)", Language(rawValue: settings.language) ?? .zh)
        return .init(
            person: status.person, kind: .colourChanged, factKey: "colour:\(status.person):\(Int(status.computedAt.timeIntervalSince1970))",
            variables: ["colour": name])
    }

    /// A alert to every resident of an area with a phone (a bulletin), with progress; returns how many were queued.
    public func bulletin(area: Area, text: String, actor: String, progress: (Int, Int) -> Void = { _, _ in }) async throws -> Int {
        let total = try await store.residentCount(within: area.path)
        var after: String? = nil
        var done = 0
        var queued = 0
        let stamp = Int(clock.now().timeIntervalSince1970)
        while true {
            let page = try await store.residents(within: area.path, after: after, limit: 2_000)
            guard let last = page.last else { break }
            let alerts = page.map {
                AlertRules.Alert(person: $0.id, kind: .areaBulletin, factKey: "bulletin:\(area.id):\(stamp):\($0.id)", variables: ["area": area.name, "text": text])
            }
            // An announcement is not held back by the per-person window (each has its own fact key).
            queued += try await queue(alerts, actor: actor, window: 0).count
            done += page.count
            progress(done, total)
            after = last.id
        }
        return queued
    }
}
