import Domain
import Foundation
import Testing
import TestSupport

/// The feed tables (presence, lab results, arrivals) on SQLite and PostgreSQL alike.
@Suite("Feed store contract")
struct FeedStoreContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_764_000_000)

    static func event(_ id: String, _ person: String, hoursAgo: Double, minutes: Double = 30, seat: String? = nil) -> PresenceEvent {
        let start = t0.addingTimeInterval(-hoursAgo * 3600)
        return PresenceEvent(id: id, person: person, place: "V1", start: start, end: start.addingTimeInterval(minutes * 60), seat: seat, source: "test")
    }

    static func audit(_ action: String) -> AuditEvent {
        AuditEvent(at: t0, actor: "test", action: action, subjectKind: "presence", subjectID: "*", detail: "")
    }

    @Test("feed deliveries add up by source and hour: last delivery, this hour, 24 hours; older than the listed days left out", arguments: Backend.available)
    func feedActivity(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        let hour = (Self.t0.timeIntervalSince1970 / 3_600).rounded(.down) * 3_600
        let now = Date(timeIntervalSince1970: hour + 1_800)  // half past the hour
        try await store.recordFeedDelivery(kind: "labs", source: "token:labs", records: 100, at: now - 60)
        try await store.recordFeedDelivery(kind: "labs", source: "token:labs", records: 20, at: now - 600)  // the same hour, earlier: adds up, last stays
        try await store.recordFeedDelivery(kind: "labs", source: "token:labs", records: 7, at: now - 5 * 3_600)
        try await store.recordFeedDelivery(kind: "labs", source: "token:labs", records: 1_000, at: now - 30 * 3_600)  // outside 24 h, inside the week
        try await store.recordFeedDelivery(kind: "presence", source: "cli:ops", records: 5, at: now - 3 * 86_400)
        try await store.recordFeedDelivery(kind: "arrivals", source: "token:old", records: 9, at: now - 9 * 86_400)
        let activity = try await store.feedActivity(now: now, days: 7)
        #expect(activity.map(\.source) == ["token:labs", "cli:ops"])
        #expect(activity[0] == FeedActivity(kind: "labs", source: "token:labs", lastAt: now - 60, lastHour: 120, lastDay: 127))
        #expect(activity[1] == FeedActivity(kind: "presence", source: "cli:ops", lastAt: now - 3 * 86_400, lastHour: 0, lastDay: 0))
        try await store.close()
    }

    @Test("presence is idempotent by id and read back in sequence order", arguments: Backend.available)
    func presenceRoundTrip(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        let a = Self.event("E1", "R1", hoursAgo: 5, seat: "12A")
        let b = Self.event("E2", "R2", hoursAgo: 4)
        #expect(try await store.insertPresence([a, b, a], audit: nil) == 2)
        #expect(try await store.insertPresence([b, Self.event("E3", "R3", hoursAgo: 1)], audit: nil) == 1)
        let all = try await store.presence(after: 0, limit: 10)
        #expect(all.map(\.event.id) == ["E1", "E2", "E3"])
        #expect(all[0].event == a)
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.sequence < $1.sequence })
        let rest = try await store.presence(after: all[0].sequence, limit: 10)
        #expect(rest.map(\.event.id) == ["E2", "E3"])
        #expect(try await store.presenceCount() == 3)
        try await store.close()
    }

    @Test("an import's bulk load keeps the first of a repeated id, stores awkward text as sent, and loads only the new of a file sent again",
        arguments: Backend.available)
    func presenceBulkLoad(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        // What would end a column or a row in PostgreSQL's COPY text, and a backslash escape.
        var awkward = Self.event("E\t1", "R1", hoursAgo: 6)
        awkward.source = "rail\\N\nline 2\r\\"
        var again = awkward  // the same event later in the same load, as another feed told it: not stored
        again.person = "R9"
        again.source = nil
        let plain = (1...300).map { Self.event("P\($0)", "R\($0 % 7)", hoursAgo: Double($0) / 60) }
        #expect(try await store.insertPresence([awkward] + plain + [again], audit: Self.audit("presence.import")) == 301)
        let stored = try await store.presence(after: 0, limit: 1_000)
        #expect(stored.count == 301)
        #expect(stored.first?.event == awkward)
        #expect(stored.dropFirst().map(\.event) == plain)
        // The file again with one new event among the known: only that one is loaded, after the rest.
        let fresh = Self.event("P301", "R3", hoursAgo: 0.5, seat: "3C")
        #expect(try await store.insertPresence(plain + [fresh] + [awkward], audit: nil) == 1)
        let all = try await store.presence(after: 0, limit: 1_000)
        #expect(all.count == 302)
        #expect(all.last?.event == fresh)
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.sequence < $1.sequence })
        #expect(try await store.recentAudit(subjectID: "*", limit: 1).first?.event.action == "presence.import")
        try await store.close()
    }

    @Test("a purge removes presence that ended before the cutoff, nothing else, and is audited", arguments: Backend.available)
    func purge(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        let old = Self.event("OLD", "R1", hoursAgo: 24 * 30)
        let edge = Self.event("EDGE", "R1", hoursAgo: 24 * 21 + 0.5, minutes: 60)  // ends 30 minutes after the cutoff
        let recent = Self.event("NEW", "R2", hoursAgo: 2)
        _ = try await store.insertPresence([old, edge, recent], audit: nil)
        _ = try await store.insertLabResults([LabResult(id: "L1", person: "R1", sampledAt: Self.t0.addingTimeInterval(-86400 * 40), result: .positive)], audit: nil)
        let cutoff = Self.t0.addingTimeInterval(-86400 * 21)
        #expect(try await store.purgePresence(endedBefore: cutoff, audit: Self.audit("presence.purge")) == 1)
        #expect(try await store.presence(after: 0, limit: 10).map(\.event.id) == ["EDGE", "NEW"])
        #expect(try await store.labResults(person: "R1").count == 1)
        let entry = try await store.recentAudit(subjectID: "*", limit: 1).first
        #expect(entry?.event.action == "presence.purge")
        #expect(entry?.event.detail.hasPrefix("1 presence events") == true)
        try await store.close()
    }

    @Test("lab results and arrivals round-trip, idempotent by id", arguments: Backend.available)
    func labsAndArrivals(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        let positive = LabResult(id: "L1", person: "R1", sampledAt: Self.t0, result: .positive, test: .pcr, lab: "CDC")
        let negative = LabResult(id: "L2", person: "R1", sampledAt: Self.t0.addingTimeInterval(-86400), result: .negative, test: .antigen)
        let other = LabResult(id: "L3", person: "R2", sampledAt: Self.t0.addingTimeInterval(-3600), result: .positive, test: .antigen)
        #expect(try await store.insertLabResults([positive, negative, other, positive], audit: nil) == 3)
        #expect(try await store.insertLabResults([positive], audit: nil) == 0)
        #expect(try await store.labResults(person: "R1") == [negative, positive])
        #expect(try await store.positiveLabResults(within: .everywhere, limit: 10).map(\.id) == ["L3", "L1"])
        let arrival = Arrival(id: "A1", person: "R1", from: "420100", arrivedAt: Self.t0, mode: "rail", trip: "G7512")
        #expect(try await store.insertArrivals([arrival, arrival], audit: nil) == 1)
        #expect(try await store.arrivals(person: "R1") == [arrival])
        try await store.close()
    }

    @Test("resident ids and households are paged in id order", arguments: Backend.available)
    func residentHouseholds(_ backend: Backend) async throws {
        let store = try await FreshStore.make(backend).store
        try await StoreContractTests.seed(store)
        let residents = try ["R3", "R1", "R2"].map { try StoreContractTests.resident($0, grid: StoreContractTests.gridA) }
        _ = try await store.insertResidents(residents, audit: nil)
        let first = try await store.residentHouseholds(after: nil, limit: 2)
        #expect(first.map(\.resident) == ["R1", "R2"])
        #expect(first.map(\.household) == ["H-R1", "H-R2"])
        #expect(try await store.residentHouseholds(after: "R2", limit: 2).map(\.resident) == ["R3"])
        try await store.close()
    }
}
