import Domain
import Foundation
import Hummingbird
import Supplies

/// Supplies as open data (DESIGN §5): pharmacies' stock (JSON, CSV, GeoJSON; at most one cache
/// lifetime, 15 s, behind), the reservation rounds and each round's document, and the donation
/// ledger's chain. Served with an ETag like the other open data.
struct SupplyOpenDataController {
    let pharmacies: PharmacyService
    let rounds: MaskRoundService
    let ledger: DonationLedgerService
    let profiles: ProfileStore
    let publicCache: PublicCache

    func register(on router: Router<CordonRequestContext>) {
        let documents: [(path: String, type: String, make: @Sendable () async throws -> Data)] = [
            ("pharmacy-stock.json", OpenDataController.json, stockJSON),
            ("pharmacy-stock.csv", OpenDataController.csv, stockCSV),
            ("pharmacy-stock.geojson", OpenDataController.geo, stockGeoJSON),
            ("mask-rounds.json", OpenDataController.json, roundsJSON),
            ("donations.json", OpenDataController.json, donationsJSON),
            ("donations.csv", OpenDataController.csv, donationsCSV),
        ]
        for document in documents {
            router.get("open-data/\(document.path)") { [publicCache] request, _ in
                let cached = try await publicCache.value("open-data/" + document.path) { CachedDocument(try await document.make(), contentType: document.type) }
                return cached.response(to: request, headers: [.accessControlAllowOrigin: "*"])
            }
        }
        router.get("open-data/mask-rounds/:file") { [rounds] request, context in
            let file = try context.parameters.require("file")
            guard file.hasSuffix(".json") else { throw HTTPError(.notFound) }
            return Self.stream(try await rounds.document(String(file.dropLast(5))), to: request)
        }
    }

    /// A round's document, written piece by piece as the reader takes it: a city's round is a
    /// gigabyte, made on demand from the entries held once rather than kept as bytes.
    static func stream(_ document: RoundDocument, to request: Request) -> Response {
        let etag = "\"" + document.version + "\""
        var headers: HTTPFields = [.eTag: etag, .cacheControl: "public, max-age=60", .accessControlAllowOrigin: "*"]
        if CachedDocument.reader(request, holds: etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = OpenDataController.json
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            for k in 0..<document.pieces { try await writer.write(ByteBuffer(bytes: document.piece(k))) }
            try await writer.finish(nil)
        })
    }

    struct Pharmacy: Encodable {
        let id: String
        let name: String
        let address: String
        let lat: Double?
        let lon: Double?
        /// Units by product id.
        let stock: [String: Int]
        let updatedAt: String?
    }

    func stockJSON() async throws -> Data {
        struct Document: Encodable {
            var schemaVersion = OpenData.schemaVersion
            let products: [SupplyRules.Product]
            let pharmacies: [Pharmacy]
        }
        let list = try await pharmacies.published().map {
            Pharmacy(
                id: $0.place.id, name: $0.place.name, address: $0.address, lat: $0.place.latitude, lon: $0.place.longitude,
                stock: Dictionary($0.stock.map { ($0.product, $0.units) }, uniquingKeysWith: { a, _ in a }), updatedAt: $0.updatedAt.map(Timestamp.format))
        }
        return try OpenData.json(Document(products: profiles.profile.supplies.products, pharmacies: list))
    }

    /// One row per pharmacy and product (a pharmacy that reported nothing has one row without a product).
    func stockCSV() async throws -> Data {
        var rows: [[String]] = []
        for p in try await pharmacies.published() {
            let head = [p.place.id, p.place.name, p.address, p.place.latitude.map { "\($0)" } ?? "", p.place.longitude.map { "\($0)" } ?? ""]
            if p.stock.isEmpty { rows.append(head + ["", "", ""]) }
            for s in p.stock { rows.append(head + [s.product, "\(s.units)", Timestamp.format(s.updatedAt)]) }
        }
        return OpenData.csv(["pharmacy_id", "name", "address", "lat", "lon", "product", "units", "updated_at"], rows)
    }

    func stockGeoJSON() async throws -> Data {
        struct Stock: Encodable {
            let product: String
            let name: String
            let nameEn: String
            let units: Int
        }
        struct Properties: Encodable {
            let id: String
            let name: String
            let address: String
            let stock: [Stock]
            let updatedAt: String?
        }
        let rules = profiles.profile.supplies
        let features = try await pharmacies.published().compactMap { p -> (geometry: String, properties: Properties)? in
            guard let lat = p.place.latitude, let lon = p.place.longitude else { return nil }
            let stock = p.stock.map { s in Stock(product: s.product, name: rules.product(s.product)?.zh ?? s.product, nameEn: rules.product(s.product)?.en ?? s.product, units: s.units) }
            return (OpenData.point(lat, lon), Properties(id: p.place.id, name: p.place.name, address: p.address, stock: stock, updatedAt: p.updatedAt.map(Timestamp.format)))
        }
        return try OpenData.geoJSON(features)
    }

    func roundsJSON() async throws -> Data {
        struct Round: Encodable {
            let round: String
            let product: String
            let opensAt: String
            let closesAt: String
            let commitment: String
            let seed: String?
            let perEntry: Int
            let quantities: [String: Int]
            let state: String
            let document: String
        }
        struct Document: Encodable {
            var schemaVersion = OpenData.schemaVersion
            let rounds: [Round]
        }
        var all: [MaskRound] = []
        while true {
            let page = try await rounds.rounds(page: PageRequest(offset: all.count, limit: PageRequest.maxLimit))
            all += page.items
            if page.items.count < PageRequest.maxLimit { break }
        }
        return try OpenData.json(
            Document(
                rounds: all.map {
                    Round(
                        round: $0.id, product: $0.product, opensAt: Timestamp.format($0.opensAt), closesAt: Timestamp.format($0.closesAt), commitment: $0.commitment,
                        seed: $0.publishedSeed, perEntry: $0.perEntry, quantities: $0.quantities, state: $0.state.rawValue,
                        document: "/open-data/mask-rounds/\($0.id).json")
                }))
    }

    /// `{"entries": [...]}`, oldest first, each entry exactly the object its hash was made of plus `hash`.
    func donationsJSON() async throws -> Data {
        Data(CanonicalJSON.object(["entries": .array(try await ledger.chain().map(\.published))]).text.utf8)
    }

    func donationsCSV() async throws -> Data {
        let rows = try await ledger.chain().map { e -> [String] in
            let amounts: [String] = [e.amountCents.map(String.init) ?? "", e.quantity.map(String.init) ?? "", e.unit ?? ""]
            let parties: [String] = [e.donor ?? "", e.recipient ?? "", e.recipientArea ?? "", e.purpose ?? "", e.corrects.map(String.init) ?? "", e.note ?? ""]
            let seal: [String] = [e.enteredBy, e.approvedBy, Timestamp.format(e.recordedAt), e.prev, e.hash]
            return [String(e.seq), e.kind.rawValue, e.date.description, e.item] + amounts + parties + seal
        }
        return OpenData.csv(
            ["seq", "kind", "date", "item", "amount_cents", "quantity", "unit", "donor", "recipient", "recipient_area", "purpose", "corrects", "note", "entered_by",
             "approved_by", "recorded_at", "prev", "hash"], rows)
    }
}
