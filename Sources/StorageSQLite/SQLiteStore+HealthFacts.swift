import Domain
import Foundation
import GRDB

extension SQLiteStore {
    public func healthFacts(since: Date) async throws -> HealthFactRows {
        try await pool.read { db in
            var rows = HealthFactRows()
            let t = since.seconds
            rows.labs = try Row.fetchAll(db, sql: "SELECT * FROM lab_results WHERE sampled_at >= ? OR result = 'positive'", arguments: [t]).map(Self.labResult)
            rows.caseRecords = try Row.fetchAll(db, sql: "SELECT * FROM case_records").map(Self.caseRecord)
            let exposures = try Row.fetchCursor(db, sql: "SELECT person, case_id, category, last_exposure, place FROM exposures")
            while let row = try exposures.next() {
                rows.exposures.append(ContactExposure(person: row[0], caseID: row[1], category: try ExposureCategory.stored(row[2]), lastExposure: Date(seconds: row[3]), place: row[4]))
            }
            rows.arrivals = try Row.fetchAll(db, sql: "SELECT * FROM arrivals WHERE arrived_at >= ?", arguments: [t]).map { row in
                Arrival(id: row["id"], person: row["person"], from: row["from_region"], arrivedAt: Date(seconds: row["arrived_at"]), mode: row["mode"], trip: row["trip"])
            }
            let checkIns = try Row.fetchCursor(db, sql: "SELECT person, at, temperature, symptoms, by FROM check_ins WHERE at >= ?", arguments: [t])
            while let row = try checkIns.next() {
                let symptoms: String = row[3]
                rows.checkIns.append(
                    CheckIn(person: row[0], at: Date(seconds: row[1]), temperature: row[2], symptoms: symptoms.isEmpty ? [] : symptoms.split(separator: ",").map(String.init), by: row[4]))
            }
            rows.overrides = try Row.fetchAll(db, sql: "SELECT * FROM override_requests WHERE state = 'approved' AND until >= ?", arguments: [t])
                .map(Self.overrideRequest)
            rows.corrections = try Row.fetchAll(db, sql: "SELECT * FROM fact_corrections").map(Self.correction)
            rows.notGreen = try String.fetchAll(db, sql: "SELECT person FROM statuses WHERE colour != 'green'")
            return rows
        }
    }
}
