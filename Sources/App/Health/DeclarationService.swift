import Domain
import Foundation

/// A declaration (自主申报) by a resident, their proxy or the staff of their area: travel to another
/// region becomes an arrival (a high-risk region turns yellow); a declared contact with a case is a
/// `declared` exposure, yellow until tracing or an epidemiologist says more.
public struct DeclarationService: Sendable {
    let store: any FeedRepository & HealthRepository
    let profiles: ProfileStore
    let clock: WallClock
    let directory: PersonDirectory
    let statuses: StatusService

    public struct Declaration: Sendable {
        public var person: String
        public var region: String?
        public var travelDate: String?
        public var contact: String?
        public var contactDate: String?

        public init(person: String, region: String? = nil, travelDate: String? = nil, contact: String? = nil, contactDate: String? = nil) {
            self.person = person
            self.region = region
            self.travelDate = travelDate
            self.contact = contact
            self.contactDate = contactDate
        }
    }

    /// Which part of a declaration cannot be taken, for the form to say.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// A region code of letters and digits (at most 12) and a day not in the future are needed.
        case travel
        /// A description of at most 100 characters and a day not in the future are needed.
        case contact

        public var description: String {
            switch self {
            case .travel: "travel: a region code (letters and digits, at most 12) and a day that is not in the future"
            case .contact: "contact: who or where (at most 100 characters) and a day that is not in the future"
            }
        }
    }

    /// Records what was declared (nothing when both parts are empty); returns whether anything was.
    @discardableResult
    public func declare(_ d: Declaration, as principal: Principal) async throws -> Bool {
        _ = try await directory.resident(d.person, as: principal, for: .writePeople)  // self, dependant or staff of the area; audited
        let localTime = LocalTime(offsetMinutes: profiles.profile.colours.dayOffsetMinutes)
        let now = clock.now()
        // A day is taken at its noon; today's before noon at this moment (someone who arrived this morning).
        let today = CalendarDate(localDayOf: now, offsetMinutes: profiles.profile.colours.dayOffsetMinutes)
        func day(_ text: String?) -> Date? {
            guard let text, let date = CalendarDate(iso: text) else { return nil }
            let at = localTime.noon(of: date)
            return at <= now ? at : (date == today ? now : nil)
        }
        let region = d.region?.trimmingCharacters(in: .whitespaces) ?? ""
        let contact = d.contact?.trimmingCharacters(in: .whitespaces) ?? ""
        // Both parts are checked before either is stored: a declaration is taken whole or not at all.
        let travelAt = region.isEmpty ? nil : day(d.travelDate)
        let contactAt = contact.isEmpty ? nil : day(d.contactDate)
        if !region.isEmpty, region.count > 12 || !region.allSatisfy({ $0.isLetter || $0.isNumber }) || travelAt == nil { throw Problem.travel }
        if !contact.isEmpty, contact.count > 100 || contactAt == nil { throw Problem.contact }
        if let at = travelAt {
            _ = try await store.insertArrivals(
                [Arrival(id: "DECL-" + UUID().uuidString.prefix(8).lowercased(), person: d.person, from: region, arrivedAt: at, mode: "declared")],
                audit: clock.event(principal.auditName, .declareTravel, kind: "person", id: d.person, detail: "from \(region)"))
        }
        if let at = contactAt {
            let caseID = "declared:\(d.person):\(contact)"
            try await store.replaceExposures(
                caseID: caseID, with: [ContactExposure(person: d.person, caseID: caseID, category: .declared, lastExposure: at)],
                audit: clock.event(principal.auditName, .declareContact, kind: "person", id: d.person, detail: contact))
        }
        try await statuses.refresh(d.person)
        return travelAt != nil || contactAt != nil
    }
}
