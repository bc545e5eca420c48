import Credentials
import Domain
import Foundation

/// Pickups (取货): a winner holds a signed pickup code for their allocation; the chosen pharmacy
/// scans it, and the store records it once and takes the units off the shelf. A code is refused at
/// another pharmacy, after it expired, and the second time.
public struct PickupService: Sendable {
    let store: any SupplyRepository & ResidentRepository
    let credentials: CredentialService
    let clock: WallClock
    let directory: PersonDirectory

    /// One person's part in the rounds: entries (with their tokens) and allocations.
    public struct Holding: Sendable {
        public var person: String
        public var name: String
        public var entries: [RoundEntry]
        public var allocations: [PickupAllocation]
    }

    /// The principal's own and their dependants' entries and allocations.
    public func holdings(as principal: Principal) async throws -> [Holding] {
        guard case .resident(let own) = principal.subject else { return [] }
        var out: [Holding] = []
        for person in [own] + principal.dependants {
            guard let resident = try await store.resident(id: person) else { continue }
            try await directory.authorize(principal, .bookMasks, .person(id: person, areaPath: resident.areaPath))
            out.append(Holding(person: person, name: resident.name, entries: try await store.entries(person: person), allocations: try await store.allocations(person: person)))
        }
        return out
    }

    /// The signed pickup code of an allocation still to collect (for its person or their proxy).
    public func code(_ allocationID: String, as principal: Principal) async throws -> (allocation: PickupAllocation, text: String) {
        guard let allocation = try await store.allocation(id: allocationID), let resident = try await store.resident(id: allocation.person) else {
            throw StoreError.notFound(kind: "allocation", id: allocationID)
        }
        try await directory.authorize(principal, .bookMasks, .person(id: allocation.person, areaPath: resident.areaPath))
        switch allocation.state {
        case .collected: throw PickupRefusal.alreadyCollected(at: allocation.collectedAt ?? clock.now())
        case .returned: throw PickupRefusal.expired(allocation.expiresAt)
        case .awaiting:
            guard allocation.expiresAt > clock.now() else { throw PickupRefusal.expired(allocation.expiresAt) }
            return (allocation, try credentials.issuePickup(allocation))
        }
    }

    /// The pharmacy scans a pickup code: checked offline (signature, expiry), then recorded once.
    public func scan(_ text: String, as principal: Principal) async throws -> PickupAllocation {
        guard let pharmacy = principal.pharmacyID else { throw AccessPolicy.Denial.roleMayNot(role: principal.role, permission: .handOutPickups) }
        let code = try credentials.verifyPickup(text.trimmingCharacters(in: .whitespacesAndNewlines))
        guard code.pharmacy == pharmacy else { throw PickupRefusal.otherPharmacy(code.pharmacy) }
        guard let allocation = try await store.allocation(id: code.allocation) else { throw PickupRefusal.unknown }
        guard let resident = try await store.resident(id: allocation.person) else { throw PickupRefusal.unknown }
        // The pharmacy's own record: checked like any other (its account reaches this pharmacy only).
        try await directory.authorize(principal, .handOutPickups, .pharmacy(id: pharmacy, path: resident.areaPath))
        switch try await store.collect(
            allocation: allocation.id, pharmacy: pharmacy, by: principal.auditName, at: clock.now(),
            audit: clock.event(principal.auditName, .pickupCollect, kind: "pharmacy", id: pharmacy, detail: "\(allocation.id) \(allocation.units) \(allocation.product)"))
        {
        case .collected(let collected):
            // The open stock feed follows within its cache lifetime (15 s), as the issue's 30 s allows.
            return collected
        case .refused(let refusal): throw refusal
        }
    }
}
