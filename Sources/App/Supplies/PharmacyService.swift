import Domain
import Foundation

/// Pharmacies and their stock (口罩库存): each pharmacy's account sets its own counts (page, API);
/// officers of its area see them and open its account; everyone sees them as open data at most
/// one cache lifetime (15 s) old.
public struct PharmacyService: Sendable {
    let store: any SupplyRepository & PlaceRepository & AreaRepository & AccountRepository
    let staff: StaffAdministration
    let profiles: ProfileStore
    let publicCache: PublicCache
    let clock: WallClock
    let directory: PersonDirectory

    var rules: SupplyRules { profiles.profile.supplies }

    /// A pharmacy and the path of its area (the record access is checked on).
    public func pharmacy(_ id: String) async throws -> (place: Place, area: Area) {
        guard let place = try await store.place(id: id), place.kind == .pharmacy else { throw StockProblem.notAPharmacy(id) }
        guard let areaID = place.areaID, let area = try await store.area(id: areaID) else { throw StoreError.notFound(kind: "area", id: place.areaID ?? "") }
        return (place, area)
    }

    /// Sets the pharmacy's units of each product given (typed: whole numbers ≥ 0).
    public func setStock(pharmacyID: String, units: [String: Int], as principal: Principal) async throws -> [PharmacyStock] {
        try AccessPolicy.check(principal, .keepStock)
        let (place, area) = try await pharmacy(pharmacyID)
        try await directory.authorize(principal, .keepStock, .pharmacy(id: place.id, path: area.path))
        var stock: [PharmacyStock] = []
        for (product, n) in units.sorted(by: { $0.key < $1.key }) {
            guard rules.product(product) != nil else { throw StockProblem.unknownProduct(product) }
            guard n >= 0 else { throw StockProblem.negative(product: product, units: n) }
            stock.append(PharmacyStock(pharmacy: place.id, product: product, units: n, updatedAt: clock.now(), updatedBy: principal.auditName))
        }
        let detail = stock.map { "\($0.product)=\($0.units)" }.joined(separator: " ")
        try await store.setStock(stock, audit: clock.event(principal.auditName, .stockUpdate, kind: "pharmacy", id: place.id, detail: detail))
        return try await store.stock(pharmacy: place.id)
    }

    /// The pharmacy's own page: where it is and what it has.
    public func own(as principal: Principal) async throws -> PharmacyListing {
        guard let id = principal.pharmacyID else { throw AccessPolicy.Denial.roleMayNot(role: principal.role, permission: .keepStock) }
        let (place, area) = try await pharmacy(id)
        try await directory.authorize(principal, .keepStock, .pharmacy(id: place.id, path: area.path))
        return PharmacyListing(place: place, address: area.name, stock: try await store.stock(pharmacy: id))
    }

    /// An officer's list: the pharmacies of their jurisdiction, with their stock.
    public func list(page: PageRequest, as principal: Principal) async throws -> ListPage<PharmacyListing> {
        try await directory.authorize(principal, .manageSupplies, kind: "pharmacy", id: "list")
        guard let root = principal.jurisdiction else { throw AccessPolicy.Denial.outsideJurisdiction(kind: "pharmacy", id: "list") }
        return try await store.pharmacies(within: root, page: page)
    }

    /// Opens the pharmacy's account (one-time password, shown once).
    public func openAccount(pharmacyID: String, username typed: String, displayName: String, as principal: Principal) async throws -> StaffAdministration.Issued {
        try AccessPolicy.check(principal, .manageSupplies)
        let (place, area) = try await pharmacy(pharmacyID)
        try await directory.authorize(principal, .manageSupplies, .area(id: area.id, path: area.path))
        let username = typed.trimmingCharacters(in: .whitespaces).lowercased()
        guard StaffAdministration.isUsername(username) else { throw StaffProblem.invalidUsername(typed) }
        let name = displayName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw StaffProblem.missingDisplayName }
        let issued = try await staff.pharmacist(username: username, displayName: name, pharmacy: place, area: area)
        do {
            try await store.createAccount(
                issued.account, audit: clock.event(principal.auditName, .accountCreate, kind: "account", id: issued.account.id, detail: "pharmacist for \(place.id)"))
        } catch StoreError.duplicate {
            throw StaffProblem.usernameTaken(username)
        }
        return issued
    }

    /// A page of the city's pharmacies with their stock, for the public list (counted in the store).
    public func publicPage(_ page: PageRequest) async throws -> ListPage<PharmacyListing> {
        try await store.pharmacies(within: .everywhere, page: page)
    }

    /// The names of the pharmacies within an area (a round's), by id.
    public func names(within path: String) async throws -> [String: String] {
        Dictionary(try await store.places(kind: .pharmacy, within: AreaPath(path)).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// Every pharmacy with its stock, as the public reads it (cached: at most 15 s behind).
    public func published() async throws -> [PharmacyListing] {
        try await publicCache.value("pharmacies") { try await store.allPharmacies() }
    }
}
