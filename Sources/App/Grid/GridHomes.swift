import Domain
import Foundation
import GridWork

/// Where people live, for grid tasks: their grid (the resident's area), household, compound and
/// the compound's position.
struct GridHomes: Sendable {
    let services: CordonServices

    func homes(of people: Set<String>) async throws -> [String: Home] {
        var out: [String: Home] = [:]
        var positions: [String: (Double?, Double?)] = [:]
        for person in people.sorted() {
            guard let r = try await services.store.resident(id: person), let grid = r.areaID else { continue }
            var position: (Double?, Double?) = (nil, nil)
            if let compound = r.compoundID {
                if let known = positions[compound] {
                    position = known
                } else {
                    let place = try await services.store.place(id: compound)
                    position = (place?.latitude, place?.longitude)
                    positions[compound] = position
                }
            }
            out[person] = Home(
                gridID: grid, gridPath: r.areaPath, household: r.householdID, compound: r.compoundID, latitude: position.0, longitude: position.1)
        }
        return out
    }

    func households(compound: String) async throws -> [Home] {
        let place = try await services.store.place(id: compound)
        return try await services.store.households(compound: compound).compactMap { row in
            guard let grid = row.gridID else { return nil }
            return Home(gridID: grid, gridPath: row.gridPath, household: row.household, compound: compound, latitude: place?.latitude, longitude: place?.longitude)
        }
    }
}
