import Domain
import Foundation

extension SQLStore {
    /// One snapshot: a recompute never mixes facts from before and after another writer's commit.
    public func healthFacts(since: Date) async throws -> HealthFactRows {
        let t = since.seconds
        return try await db.read { r in
            var rows = HealthFactRows()
            rows.labs = try await r.query("SELECT * FROM lab_results WHERE sampled_at >= \(t) OR result = 'positive'", LabResult.init(row:))
            rows.caseRecords = try await r.query("SELECT * FROM case_records", CaseRecord.init(row:))
            rows.exposures = try await r.query("SELECT person, case_id, category, last_exposure, place FROM exposures") { row in
                ContactExposure(
                    person: try row.value(at: 0, as: String.self), caseID: try row.value(at: 1, as: String.self),
                    category: try ExposureCategory.stored(try row.value(at: 2, as: String.self)),
                    lastExposure: Date(seconds: try row.value(at: 3, as: Int64.self)), place: try row.value(at: 4, as: String?.self))
            }
            rows.arrivals = try await r.query("SELECT * FROM arrivals WHERE arrived_at >= \(t)", Arrival.init(row:))
            rows.checkIns = try await r.query("SELECT person, at, temperature, symptoms, by FROM check_ins WHERE at >= \(t)") { row in
                let symptoms = try row.value(at: 3, as: String.self)
                return CheckIn(
                    person: try row.value(at: 0, as: String.self), at: Date(seconds: try row.value(at: 1, as: Int64.self)),
                    temperature: try row.value(at: 2, as: Double?.self), symptoms: symptoms.isEmpty ? [] : symptoms.split(separator: ",").map(String.init),
                    by: try row.value(at: 4, as: String.self))
            }
            rows.overrides = try await r.query("SELECT * FROM override_requests WHERE state = 'approved' AND until >= \(t)", OverrideRequest.init(row:))
            rows.corrections = try await r.query("SELECT * FROM fact_corrections", FactCorrection.init(row:))
            rows.notGreen = try await r.query("SELECT person FROM statuses WHERE colour <> 'green'") { try $0.value(at: 0, as: String.self) }
            return rows
        }
    }
}
