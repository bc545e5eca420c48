import Foundation

/// Residents and households. Only sealed residents cross this boundary.
public protocol ResidentRepository: Sendable {
    /// Inserts residents whose id is new (and the households they name, if new); returns how many were new.
    func insertResidents(_ residents: [SealedResident], audit: AuditEvent?) async throws -> Int
    func resident(id: String) async throws -> SealedResident?
    /// The residents with these ids (unknown ids are left out), by id.
    func residents(ids: [String]) async throws -> [SealedResident]
    /// The residents within `area` whose name starts with `prefix`, by name then id, one page, counted.
    func residents(namePrefix prefix: String, within area: AreaPath, page: PageRequest) async throws -> ListPage<SealedResident>
    /// Exact look-up by the blind index of a normalised phone number.
    func residents(phoneIndex: Data) async throws -> [SealedResident]
    /// Exact look-up by the blind index of an identity number.
    func residents(idNumberIndex: Data) async throws -> [SealedResident]
    /// Residents whose area lies within `path`, ordered by id, one page.
    func residents(within path: String, after lastID: String?, limit: Int) async throws -> [SealedResident]
    func residentCount(within path: String) async throws -> Int
    /// How many residents live in a compound (a disclosure names only compounds with enough of them).
    func residentCount(compound: String) async throws -> Int
    func household(id: String) async throws -> Household?
    func householdMembers(householdID: String) async throws -> [SealedResident]
    /// Residents a proxy holds codes for.
    func dependants(ofProxy residentID: String) async throws -> [String]
    /// The proxies who hold this resident's codes (and get their messages when they have no phone).
    func proxies(ofDependant residentID: String) async throws -> [String]
    func addDependant(_ dependantID: String, proxy residentID: String, audit: AuditEvent?) async throws
    /// Ends a proxy link; false when there was none.
    func removeDependant(_ dependantID: String, proxy residentID: String, audit: AuditEvent) async throws -> Bool
    /// Records a request to become a proxy, with the grid task that asks for its confirmation.
    func createProxyRequest(_ request: ProxyRequest, task: GridTask?, audit: AuditEvent) async throws
    /// A dependant's pending requests, oldest first.
    func pendingProxyRequests(dependant: String) async throws -> [ProxyRequest]
    func proxyRequest(id: String) async throws -> ProxyRequest?
    /// Decides a pending request (confirming links the two in the same transaction); nil when it
    /// was not pending any more.
    func decideProxyRequest(id: String, confirm: Bool, by: String, at: Date, audit: AuditEvent) async throws -> ProxyRequest?

    /// Prepares for loading many residents at once. Blind-index keys are random, so keeping their
    /// indexes up to date batch by batch rewrites most index pages on every commit; a store may
    /// drop them here and build them once, sorted, in `endResidentBulkLoad`. Look-ups stay correct
    /// meanwhile (only slower), and a store recreates missing look-up indexes when it opens, so an
    /// interrupted load leaves nothing broken.
    func beginResidentBulkLoad() async throws
    func endResidentBulkLoad() async throws
}
