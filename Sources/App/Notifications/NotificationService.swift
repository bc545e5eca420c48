import Domain
import Foundation
import HealthRules
import Privacy

/// Turns notices into outbox messages: the resident's phone (sealed, as every phone at rest), the
/// template in the city's language, the fact it announces and the person it is about, so the
/// outbox sends one message per fact and one of a kind per person per window.
public struct NotificationService: Sendable {
    let services: CordonServices

    public init(services: CordonServices) { self.services = services }

    /// Queues what the notice rules ask for now (over `facts`, read when not given); returns the messages queued.
    @discardableResult
    public func runRules(facts given: HealthFactRows? = nil) async throws -> [OutboxMessage] {
        let facts: HealthFactRows
        if let given { facts = given } else { facts = try await services.recentFacts() }
        let notices = NoticeRules(colours: services.profile.colours, now: services.now()).notices(
            arrivals: facts.arrivals, exposures: facts.exposures, checkIns: facts.checkIns)
        return try await queue(notices, actor: "system:notices")
    }

    /// Queues notices to residents' own phones (people without a phone are left out); returns what was queued.
    @discardableResult
    public func queue(_ notices: [NoticeRules.Notice], actor: String, window: TimeInterval? = nil) async throws -> [OutboxMessage] {
        guard !notices.isEmpty else { return [] }
        let settings = services.settings.notifications
        var messages: [OutboxMessage] = []
        var residents: [String: SealedResident?] = [:]
        for notice in notices {
            if residents[notice.person] == nil { residents[notice.person] = .some(try await services.store.resident(id: notice.person)) }
            guard let resident = residents[notice.person] ?? nil else { continue }
            // A contact's category is a code (`close`): the message names it in its own language.
            var variables = notice.variables
            if let category = variables["category"] { variables["category"] = Strings.text("contact.\(category)", Language(rawValue: settings.language) ?? .zh) }
            let body = try NoticeTemplate.render(notice.kind, language: settings.language, variables)
            if var message = try services.sms(to: resident, kind: notice.kind, body: body) {
                message.person = notice.person
                message.factKey = notice.factKey
                messages.append(message)
                continue
            }
            // No phone of their own (the elderly, children): their proxies get it, saying whom it is about.
            let about = try NoticeTemplate.renderOnBehalf(language: settings.language, name: Masking.name(resident.name))
            for proxyID in try await services.store.proxies(ofDependant: notice.person) {
                guard let proxy = try await services.store.resident(id: proxyID),
                    var message = try services.sms(to: proxy, kind: notice.kind, body: about + body)
                else { continue }
                // De-duplicated per dependant and proxy, so each of several proxies gets it once.
                message.person = notice.person + " via " + proxyID
                message.factKey = notice.factKey + "#" + proxyID
                messages.append(message)
            }
        }
        var queued: [OutboxMessage] = []
        var start = 0
        while start < messages.count {
            let batch = Array(messages[start..<min(messages.count, start + 1_000)])
            queued += try await services.store.enqueueNotices(
                batch, window: window ?? settings.window, audit: services.event(actor, .notifyQueue, detail: "\(batch.count) notices"))
            start += batch.count
        }
        return queued
    }

    /// The notice of a colour that changed to the status's (the store says it changed when it saves).
    func colourNotice(_ status: HealthStatus) -> NoticeRules.Notice {
        let name = Strings.text("colour.\(status.colour.rawValue)", Language(rawValue: services.settings.notifications.language) ?? .zh)
        return .init(
            person: status.person, kind: .colourChanged, factKey: "colour:\(status.person):\(Int(status.computedAt.timeIntervalSince1970))",
            variables: ["colour": name])
    }

    /// A notice to every resident of an area with a phone (a bulletin), with progress; returns how many were queued.
    public func bulletin(area: Area, text: String, actor: String, progress: (Int, Int) -> Void = { _, _ in }) async throws -> Int {
        let total = try await services.store.residentCount(within: area.path)
        var after: String? = nil
        var done = 0
        var queued = 0
        let stamp = Int(services.now().timeIntervalSince1970)
        while true {
            let page = try await services.store.residents(within: area.path, after: after, limit: 2_000)
            guard let last = page.last else { break }
            let notices = page.map {
                NoticeRules.Notice(person: $0.id, kind: .areaBulletin, factKey: "bulletin:\(area.id):\(stamp):\($0.id)", variables: ["area": area.name, "text": text])
            }
            // An announcement is not held back by the per-person window (each has its own fact key).
            queued += try await queue(notices, actor: actor, window: 0).count
            done += page.count
            progress(done, total)
            after = last.id
        }
        return queued
    }
}
