import Domain
import Foundation
import GridWork

/// Where people live, for grid tasks: their grid (the resident's area), household, compound and
/// the compound's position.
public struct GridHomes: Sendable {
    let store: any GridRepository & PlaceRepository & ResidentRepository

    public init(store: any GridRepository & PlaceRepository & ResidentRepository) { self.store = store }

    func homes(of people: Set<String>) async throws -> [String: Home] {
        var out: [String: Home] = [:]
        var positions: [String: (Double?, Double?)] = [:]
        for person in people.sorted() {
            guard let r = try await store.resident(id: person), let grid = r.areaID else { continue }
            var position: (Double?, Double?) = (nil, nil)
            if let compound = r.compoundID {
                if let known = positions[compound] {
                    position = known
                } else {
                    let place = try await store.place(id: compound)
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
        let place = try await store.place(id: compound)
        return try await store.households(compound: compound).compactMap { row in
            guard let grid = row.gridID else { return nil }
            return Home(gridID: grid, gridPath: row.gridPath, household: row.household, compound: compound, latitude: place?.latitude, longitude: place?.longitude)
        }
    }
}
