import Domain
import Foundation
import Privacy

/// Staff find a person by name, phone or identity number, a place by name and an area by name,
/// within their jurisdiction. A phone or an identity number is looked up through its blind index
/// (the store never holds either in clear); every search is audited by what kind it was and how
/// many it found, never by the text typed (a phone in the log would undo the encryption).
public struct PersonSearch: Sendable {
    let store: any ResidentRepository & PlaceRepository & AreaRepository & AuditLogRepository
    let vault: PersonalDataVault
    let clock: WallClock

    public enum Kind: String, Sendable {
        case phone, idNumber = "id-number", name
    }

    public struct Result: Sendable {
        public var kind: Kind
        public var people: ListPage<SealedResident>
        /// The area each person found lives in, by id: masked names alike ("张*") are told apart by it.
        public var homes: [String: Area] = [:]
        public var places: [Place]
        public var areas: [Area]
    }

    /// What the text is: a phone number, an 18-character identity number, or else a name.
    static func kind(of text: String) -> Kind {
        let compact = text.filter { !$0.isWhitespace && $0 != "-" }
        if compact.count == 18, compact.dropLast().allSatisfy(\.isNumber), compact.last.map({ $0.isNumber || $0 == "X" || $0 == "x" }) == true {
            return .idNumber
        }
        if compact.count >= 8, compact.allSatisfy({ $0.isNumber || $0 == "+" }), (try? PhoneNumber.normalize(compact)) != nil { return .phone }
        return .name
    }

    /// Staff who read people and areas search (residents read only their own record; checkpoint
    /// operators and administrators read no people).
    public static func may(_ principal: Principal) -> Bool { AccessPolicy.may(principal, .readPeople) && AccessPolicy.may(principal, .readAreas) }

    public func search(_ raw: String, as principal: Principal, page: PageRequest) async throws -> Result {
        try AccessPolicy.check(principal, .readPeople)
        try AccessPolicy.check(principal, .readAreas)
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let kind = Self.kind(of: text)
        guard let root = principal.jurisdiction, !text.isEmpty else {
            return Result(kind: kind, people: ListPage(items: [], total: 0, request: page), places: [], areas: [])
        }
        let people: ListPage<SealedResident>
        switch kind {
        case .phone, .idNumber:
            let compact = text.filter { !$0.isWhitespace && $0 != "-" }
            let index =
                kind == .phone
                ? vault.blindIndex((try? PhoneNumber.normalize(compact)) ?? compact, kind: "phone") : vault.blindIndex(compact.uppercased(), kind: "id")
            let found = try await kind == .phone ? store.residents(phoneIndex: index) : store.residents(idNumberIndex: index)
            // A phone or a number names a handful of people at most: those outside the jurisdiction are left out.
            let mine = found.filter { root.contains(AreaPath($0.areaPath)) }
            people = ListPage(items: mine, total: mine.count, request: PageRequest(offset: 0, limit: max(1, mine.count)))
        case .name:
            people = try await store.residents(namePrefix: text, within: root, page: page)
        }
        let places = kind == .name ? try await store.places(named: text, within: root, limit: 20) : []
        let areas = kind == .name ? try await store.areas(named: text, within: root, limit: 20) : []
        try await store.appendAudit(
            clock.event(
                principal.auditName, .personSearch, kind: "search", id: principal.jurisdictionID ?? "",
                detail: "\(kind.rawValue) search: \(people.total) people, \(places.count) places, \(areas.count) areas"))
        var homes: [String: Area] = [:]
        for id in Set(people.items.compactMap(\.areaID)) { homes[id] = try await store.area(id: id) }
        return Result(kind: kind, people: people, homes: homes, places: places, areas: areas)
    }
}
